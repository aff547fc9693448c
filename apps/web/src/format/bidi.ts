// U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE: the plain-text form of <bdi>.
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Wraps a peer-supplied string in Unicode isolates for plain-text places (attributes, `<option>`,
 * SVG text, toasts), so right-to-left or override characters in it cannot reorder the text
 * around it. In HTML content use `<Name>` (a `<bdi>`) instead.
 */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/** One run of a string made with `isolate()`: plain text, or a part that was isolated. */
export interface IsolatedPart {
  text: string;
  isolated: boolean;
}

const ISOLATED = /\u2068([^\u2068\u2069]*)\u2069/gu;

/** Splits text made with `isolate()` into its plain and isolated runs, markers removed. */
export function isolatedParts(text: string): IsolatedPart[] {
  const parts: IsolatedPart[] = [];
  let last = 0;
  for (const match of text.matchAll(ISOLATED)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), isolated: false });
    parts.push({ text: match[1] ?? '', isolated: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), isolated: false });
  return parts;
}
