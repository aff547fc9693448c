/** Each m-section's `a=mid:` of an SDP, in order (null where a section has none). */
export function midsOf(sdp: string): Array<string | null> {
  return sdp
    .split(/^m=/m)
    .slice(1)
    .map((section) => /^a=mid:(\S+)/m.exec(section)?.[1] ?? null);
}

/**
 * Whether an answer can be to an offer: as many m-sections (JSEP: it must), with the same mid
 * wherever both name one.
 */
export function sameMids(offer: string, answer: string): boolean {
  const a = midsOf(offer);
  const b = midsOf(answer);
  return a.length === b.length && a.every((mid, i) => mid === null || b[i] == null || mid === b[i]);
}
