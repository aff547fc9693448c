import type { PeerId } from '@meshwork/protocol';
import type { PeerState, RoomState } from './Room';

/**
 * The hub the planner is told to use (SPEC [P17]). A person's choice (`setHub`) comes first;
 * else an authenticated media hub; else the longest-present peer. Capacity hints only break
 * ties between peers of equal join time, so a newcomer claiming a huge uplink never takes the
 * hub from the peers already there, and the hub does not move while it stays.
 */
export function chooseHub(room: RoomState): PeerId | null {
  if (room.hubPreference !== null && room.byId.has(room.hubPreference)) return room.hubPreference;
  const hubs = room.peers.filter(isMediaServer);
  const pool = hubs.length > 0 ? hubs : room.peers;
  const first = pool[0];
  if (first === undefined) return null;
  // Peers are in join order: only those tied with the first on join time compete on hints.
  const tied = pool.filter((p) => p.joinedAt === first.joinedAt);
  return tied.reduce((best, p) => (uplink(p) > uplink(best) ? p : best), first).id;
}

function uplink(peer: PeerState): number {
  return peer.capacity.uplinkKbps ?? -1;
}

/** An authenticated media hub ([P17]): a packet forwarder the planner links only as star hub. */
export function isMediaServer(peer: PeerState): boolean {
  return peer.hubVerified && peer.capacity.deviceClass === 'server';
}
