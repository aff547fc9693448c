import { parseLinkKey } from '@meshwork/mesh/plan';
import type { PeerId } from '@meshwork/protocol';
import type { RoomState } from './Room';

/**
 * Peers the reports point at (SPEC [P22]): a link reported `disconnected` by one end only
 * points at the other end, which has a socket yet says nothing of it (a peer whose network is
 * cut cannot report). A link both ends report down is a link fault, pointing at neither. A peer
 * some third neighbour reports `connected` to is vouched for: it can be reached, and the fault
 * is on the reporter's side (a leaf whose own downlink is congested must not make the room
 * give up its hub).
 */
export function suspects(room: RoomState): Set<PeerId> {
  const out = new Set<PeerId>();
  for (const [key, by] of room.downBy) {
    if (by.size !== 1) continue;
    const [a, b] = parseLinkKey(key);
    const reporter = by.has(a) ? a : b;
    const other = reporter === a ? b : a;
    const peer = room.byId.get(other);
    if (peer === undefined || peer.conn === null) continue;
    if (!vouchedFor(room, other, reporter)) out.add(other);
  }
  return out;
}

/**
 * Whether a present neighbour of `id` other than `reporter` last reported its link to `id`
 * connected.
 */
function vouchedFor(room: RoomState, id: PeerId, reporter: PeerId): boolean {
  for (const [key, by] of room.upBy) {
    const [a, b] = parseLinkKey(key);
    const neighbour = a === id ? b : b === id ? a : null;
    if (neighbour === null || neighbour === reporter || !by.has(neighbour)) continue;
    // A neighbour without a socket, or itself unreachable, speaks of a past it may have lost.
    if (room.byId.get(neighbour)?.conn != null && !room.unreachable.has(neighbour)) return true;
  }
  return false;
}
