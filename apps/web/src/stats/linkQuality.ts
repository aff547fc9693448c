import { type LinkStats, unreadStats } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import type { RoomView } from '../session/types';

/** Coarse quality of a link. */
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

/** The coarse level of one link's numbers. */
export function qualityOf(stats: LinkStats | undefined): Quality {
  if (!stats) return 'unknown';
  if (stats.status === 'failed') return 'poor';
  if (stats.status !== 'connected') return 'unknown';
  const rtt = stats.rttMs ?? 0;
  if (stats.packetLoss > 0.08 || rtt > 400) return 'poor';
  if (stats.packetLoss > 0.02 || rtt > 200) return 'fair';
  return 'good';
}

/** The server's view of our link to `peer` (state and RTT), for when the session has no numbers. */
export function fromRoomLink(room: RoomView | null, peer: PeerId): LinkStats | undefined {
  const self = room?.selfId;
  const link = room?.links.find(
    (l) => (l.a === self && l.b === peer) || (l.b === self && l.a === peer),
  );
  if (!link) return undefined;
  // The room's table measures nothing but state and RTT: the same shape as an unread link.
  return unreadStats({ peer, status: link.state, rttMs: link.rttMs });
}

/** The numbers of our link to `peer`: the session's own, else the room's link table. */
export function linkStatsFor(
  all: readonly LinkStats[],
  room: RoomView | null,
  peer: PeerId,
): LinkStats | undefined {
  return all.find((s) => s.peer === peer) ?? fromRoomLink(room, peer);
}
