/**
 * Runs of Latin letters in `text` that are not in `allowed` (names, the product's name, unit
 * abbreviations): what a screen in a language without Latin script must not show. Pure, so the
 * unit tests and the browser tests judge a screen the same way.
 */
export function latinRuns(text: string, allowed: readonly string[]): string[] {
  const ok = new Set(allowed);
  return [...text.matchAll(/[A-Za-z]+/g)].map((m) => m[0]).filter((run) => !ok.has(run));
}

/** Latin words a Simplified Chinese screen may show: names of things, not sentences. */
export const LATIN_ALLOWED_IN_ZH: readonly string[] = [
  'Meshwork', // the product's name
  'English', // the language switch lists each language in itself
  'SHA', // SHA-256, the hash's name
  'https', // "a secure https page is needed"
  'kB', // Intl's unit abbreviations in zh-CN: kB, MB, kb/秒, Mb/秒
  'MB',
  'B',
  'kb',
  'Mb',
];
