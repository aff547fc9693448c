import type { PeerId } from '@meshwork/protocol';
import type { LinkKey } from './types';

// Peer ids never contain '|' (PeerIdSchema), so the separator cannot be ambiguous.
const SEPARATOR = '|';

/** Canonical key of the undirected link between `a` and `b`: the same whichever end asks. */
export function linkKey(a: PeerId, b: PeerId): LinkKey {
  if (a === b) throw new RangeError(`A link needs two distinct peers, got ${a} twice`);
  return a < b ? `${a}${SEPARATOR}${b}` : `${b}${SEPARATOR}${a}`;
}

/** The two peer ids of a link key, lexically smaller first. */
export function parseLinkKey(key: LinkKey): [PeerId, PeerId] {
  const parts = key.split(SEPARATOR);
  const [a, b] = parts;
  if (parts.length !== 2 || !a || !b || a >= b) {
    throw new RangeError(`Not a canonical link key: ${JSON.stringify(key)}`);
  }
  return [a, b];
}
