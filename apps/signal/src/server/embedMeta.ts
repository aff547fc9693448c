import { EMBED_ORIGINS_META } from '@meshwork/protocol';

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/**
 * [P21] The tag the signal app puts into every page: the embedding allow-list, space-separated.
 * A `<meta>` rather than an inline script, which the CSP forbids; nothing when the list is empty.
 */
export function embedOriginsMeta(origins: readonly string[]): string {
  if (origins.length === 0) return '';
  const content = origins.join(' ').replace(/[&"<>]/g, (c) => ESCAPES[c] ?? c);
  return `<meta name="${EMBED_ORIGINS_META}" content="${content}">`;
}
