import { parseLinkKey } from '@meshwork/mesh/plan';
import type { PeerId } from '@meshwork/protocol';
import type { RoomState } from './Room';

/**
 * Peers the reports point at (SPEC [P22]): a link reported `disconnected` by one end only
 * points at the other end, which has a socket yet says nothing of it (a peer whose network is
 * cut cannot report). A link both ends report down is a link fault, pointing at neither.
 */
export function suspects(room: RoomState): Set<PeerId> {
  const out = new Set<PeerId>();
  for (const [key, by] of room.downBy) {
    if (by.size !== 1) continue;
    const [a, b] = parseLinkKey(key);
    const other = by.has(a) ? b : a;
    const peer = room.byId.get(other);
    if (peer !== undefined && peer.conn !== null) out.add(other);
  }
  return out;
}
