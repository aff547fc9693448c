import type {
  AudioRouting,
  CapacityHints,
  MediaFlags,
  PeerId,
  TopologySetting,
} from '@meshwork/protocol';
import type { AutoPilot } from './AutoPilot';
import { emit, fail, toOthers } from './effects';
import { claimsHub } from './hubClaims';
import type { PlanCycle } from './PlanCycle';
import { finishRebuild } from './Rebuild';
import { ensureHost, mayControl, settingsChanged } from './Roles';
import { newAutoState, type PeerState, type RoomState } from './Room';
import type { Outcome, PeerUpdate } from './types';
import { peerInfo } from './views';

const MEDIA_KINDS: readonly (keyof MediaFlags)[] = ['audio', 'video', 'screen'];

function sameCapacity(a: CapacityHints, b: CapacityHints): boolean {
  const [x, y] = [a.hubLoad, b.hubLoad];
  const sameLoad =
    x === y ||
    (x !== undefined &&
      y !== undefined &&
      x.streams === y.streams &&
      x.maxStreams === y.maxStreams &&
      x.cpuPercent === y.cpuPercent);
  return (
    a.uplinkKbps === b.uplinkKbps &&
    a.deviceClass === b.deviceClass &&
    a.limitation === b.limitation &&
    sameLoad
  );
}

/** Updates a peer's name, media flags or capacity hints; the others hear of a real change only. */
export function updatePeer(room: RoomState, peer: PeerState, update: PeerUpdate): Outcome {
  // [P17][P24] Only a media hub that proved itself at join may claim to be a server or show a load.
  if (claimsHub(update.capacity) && !peer.hubVerified) return fail('ERR_HUB_AUTH');
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

/**
 * Switches the room's topology setting, and its audio routing when one is given (SPEC [P15]
 * policy, [P30]); a change issues a plan, coalesced with other settings changes (SPEC [P16]).
 * `auto` hands the choice to the server (SPEC [P28]), which decides at once so the settings and
 * the plan carry its choice. Answers the version that carries the change.
 */
export function setTopology(
  room: RoomState,
  peer: PeerState,
  setting: TopologySetting,
  plans: PlanCycle,
  auto: AutoPilot,
  audioRouting: AudioRouting | null = null,
): Outcome<{ version: number }> {
  if (!mayControl(room, peer)) return fail('ERR_NOT_HOST');
  const routing = audioRouting ?? room.audioRouting;
  const routingChanged = room.audioRouting !== routing;
  room.audioRouting = routing;
  if (setting === 'auto') {
    if (room.auto !== null && !routingChanged) return unchanged(room);
    if (room.auto === null) {
      room.auto = newAutoState();
      auto.decide(room);
    }
    return planSettings(room, plans);
  }
  if (room.auto === null && room.topology === setting && !routingChanged) return unchanged(room);
  room.auto = null;
  room.topology = setting;
  return planSettings(room, plans);
}

/** Chooses the star hub (null: let the server elect); a change issues a plan, as above. */
export function setHub(
  room: RoomState,
  peer: PeerState,
  hub: PeerId | null,
  plans: PlanCycle,
): Outcome<{ version: number }> {
  if (!mayControl(room, peer)) return fail('ERR_NOT_HOST');
  if (hub !== null && !room.byId.has(hub)) return fail('ERR_UNKNOWN_PEER');
  if (room.hubPreference === hub) return unchanged(room);
  room.hubPreference = hub;
  return planSettings(room, plans);
}

/** Nothing changed: the answer is the version that carries the settings as they are. */
function unchanged(room: RoomState): Outcome<{ version: number }> {
  return { ok: true, effects: [], version: room.version + (room.replanQueued ? 1 : 0) };
}

function planSettings(room: RoomState, plans: PlanCycle): Outcome<{ version: number }> {
  // A settings change ends a rebuild: the room plans for itself from now on.
  if (finishRebuild(room, true)) ensureHost(room);
  const effects = settingsChanged(room);
  const planned = plans.requestSettingsPlan(room);
  effects.push(...planned.effects);
  return { ok: true, effects, version: planned.version };
}
