import type { PeerId } from '@meshwork/protocol';
import { awayPeers, type PeerState, type RoomState } from './Room';
import { latestPlan } from './StoredPlan';

/**
 * The hub the planner is told to use (SPEC [P17]). A person's choice (`setHub`) comes first;
 * else an authenticated media hub; else the longest-present peer. Capacity hints only break
 * ties between peers of equal join time, so a newcomer claiming a huge uplink never takes the
 * hub from the peers already there, and the hub does not move while it stays. An automatic room
 * passes over peers that report a limitation (SPEC [P28]) while others can take the role.
 */
export function chooseHub(room: RoomState): PeerId | null {
  if (room.hubPreference !== null && room.byId.has(room.hubPreference)) return room.hubPreference;
  const hubs = room.peers.filter(isMediaServer);
  const limited = limitedPeers(room);
  // A hub that took over from an away one keeps the role when that one is back (SPEC [P22]).
  const current = latestPlan(room)?.hub ?? null;
  const away = awayPeers(room);
  const keeps = current !== null && !away.has(current) && !limited.has(current);
  if (hubs.length === 0 && current !== null && room.byId.has(current) && keeps) {
    return current;
  }
  const able = room.peers.filter((p) => !limited.has(p.id));
  const pool = hubs.length > 0 ? hubs : able.length > 0 ? able : room.peers;
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

/** Peers of an automatic room that report a limitation now: poor star hubs (SPEC [P28]). */
function limitedPeers(room: RoomState): ReadonlySet<PeerId> {
  if (room.auto === null) return new Set();
  return new Set(room.peers.filter((p) => p.capacity.limitation !== undefined).map((p) => p.id));
}
