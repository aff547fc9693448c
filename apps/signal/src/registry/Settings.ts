import type { CapacityHints, MediaFlags, PeerId, Topology } from '@meshwork/protocol';
import { emit, fail, toOthers } from './effects';
import type { PlanCycle } from './PlanCycle';
import type { PeerState, RoomState } from './Room';
import type { Effect, Outcome, PeerUpdate } from './types';
import { peerInfo, roomSettings } from './views';

const MEDIA_KINDS: readonly (keyof MediaFlags)[] = ['audio', 'video', 'screen'];

function sameCapacity(a: CapacityHints, b: CapacityHints): boolean {
  return a.uplinkKbps === b.uplinkKbps && a.deviceClass === b.deviceClass;
}

/** Updates a peer's name, media flags or capacity hints; the others hear of a real change only. */
export function updatePeer(room: RoomState, peer: PeerState, update: PeerUpdate): Outcome {
  let changed = false;
  if (update.displayName !== undefined && update.displayName !== peer.displayName) {
    peer.displayName = update.displayName;
    changed = true;
  }
  for (const kind of MEDIA_KINDS) {
    const next = update.media?.[kind];
    if (next === undefined || next === peer.media[kind]) continue;
    peer.media = { ...peer.media, [kind]: next };
    changed = true;
  }
  if (update.capacity && !sameCapacity(peer.capacity, update.capacity)) {
    peer.capacity = { ...update.capacity };
    changed = true;
  }
  if (!changed) return { ok: true, effects: [] };
  return {
    ok: true,
    effects: toOthers(room, peer.id, (c) => emit(c, 'peerUpdated', peerInfo(peer))),
  };
}

/** Switches the room's topology; a change issues a new plan. */
export function setTopology(
  room: RoomState,
  topology: Topology,
  plans: PlanCycle,
): Outcome<{ version: number }> {
  if (room.topology === topology) return { ok: true, effects: [], version: room.version };
  room.topology = topology;
  return { ok: true, effects: settingsChanged(room, plans), version: room.version };
}

/** Chooses the star hub (null: let the server elect); a change issues a new plan. */
export function setHub(
  room: RoomState,
  hub: PeerId | null,
  plans: PlanCycle,
): Outcome<{ version: number }> {
  if (hub !== null && !room.byId.has(hub)) return fail('ERR_UNKNOWN_PEER');
  if (room.hubPreference === hub) return { ok: true, effects: [], version: room.version };
  room.hubPreference = hub;
  return { ok: true, effects: settingsChanged(room, plans), version: room.version };
}

function settingsChanged(room: RoomState, plans: PlanCycle): Effect[] {
  const effects = toOthers(room, null, (c) => emit(c, 'settingsChanged', roomSettings(room)));
  effects.push(...plans.replan(room));
  return effects;
}
