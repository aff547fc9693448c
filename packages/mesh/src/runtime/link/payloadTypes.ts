/** Payload type -> codec (`name/clock[/channels]` and its fmtp, lower case) of one m-line. */
export type PayloadMap = ReadonlyMap<number, string>;

/** The payload maps of a description's m-lines, by mid (m-lines without a mid are skipped). */
export function payloadMaps(sdp: string): Map<string, PayloadMap> {
  const out = new Map<string, PayloadMap>();
  let mid: string | null = null;
  let names = new Map<number, string>();
  let fmtps = new Map<number, string>();
  const flush = () => {
    if (mid === null) return;
    const map = new Map<number, string>();
    for (const [pt, name] of names) map.set(pt, `${name} ${fmtps.get(pt) ?? ''}`.trim());
    out.set(mid, map);
  };
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) {
      flush();
      mid = null;
      names = new Map();
      fmtps = new Map();
      continue;
    }
    if (line.startsWith('a=mid:')) mid = line.slice('a=mid:'.length);
    const rtpmap = /^a=rtpmap:(\d+) (.+)$/.exec(line);
    if (rtpmap?.[1] !== undefined && rtpmap[2] !== undefined) {
      names.set(Number(rtpmap[1]), rtpmap[2].toLowerCase());
    }
    const fmtp = /^a=fmtp:(\d+) (.+)$/.exec(line);
    if (fmtp?.[1] !== undefined && fmtp[2] !== undefined) {
      fmtps.set(Number(fmtp[1]), fmtp[2].toLowerCase());
    }
  }
  flush();
  return out;
}

/**
 * The mids negotiated in `current` whose payload types `next` changes: a number now naming
 * another codec, or a codec (other than RTX, whose numbers follow their codec) under a number it
 * never had. Engines should keep them across re-offers (RFC 8829 5.2.2); Chromium rejects the
 * change ("Failed to parse codecs correctly").
 */
export function renumberedMids(current: string, next: string): string[] {
  const before = payloadMaps(current);
  const out: string[] = [];
  for (const [mid, after] of payloadMaps(next)) {
    const was = before.get(mid);
    if (was === undefined || was.size === 0) continue;
    const ptsOf = new Map<string, Set<number>>();
    for (const [pt, codec] of was) ptsOf.set(codec, (ptsOf.get(codec) ?? new Set()).add(pt));
    const changed = [...after].some(([pt, codec]) => {
      const old = was.get(pt);
      if (old !== undefined) return old !== codec;
      const oldPts = ptsOf.get(codec);
      return oldPts !== undefined && !codec.startsWith('rtx/');
    });
    if (changed) out.push(mid);
  }
  return out;
}
