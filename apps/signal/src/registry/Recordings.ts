import type { PeerId } from '@meshwork/protocol';
import { emit, fail, toOthers } from './effects';
import { isMediaServer } from './hubChoice';
import type { PeerState, RoomState } from './Room';
import type { ConnId, Effect, Outcome } from './types';

/**
 * Times one peer may start recording per window; more get `ERR_RATE_LIMITED` ([P29]). Stopping
 * is never refused (it only ever ends an indicator), so a peer's changes stay within twice this.
 */
export const RECORDING_STARTS_PER_WINDOW = 3;
/** The recording start budget's window. */
export const RECORDING_START_WINDOW_MS = 10_000;

/**
 * Who records the call (SPEC [P29]). Recording happens on each recorder's own device; the room
 * only keeps, per room and in the order they started, who says they record, so every member's
 * page can show it. A recorder that leaves the room is dropped from the list.
 */
export class Recordings {
  /** Per room, the peers recording, in the order they started. */
  readonly #rooms = new Map<string, PeerId[]>();
  /** Per room and peer, when it recently started recording. */
  readonly #toggles = new Map<string, Map<PeerId, number[]>>();

  /** `room` finds a live room by id. */
  constructor(private readonly room: (roomId: string) => RoomState | undefined) {}

  /** Sets `peer`'s own recording state; starting is within its budget. */
  set(room: RoomState, peer: PeerState, recording: boolean, now: number): Outcome {
    if (isMediaServer(peer)) return fail('ERR_BAD_REQUEST');
    const recorders = this.#rooms.get(room.id) ?? [];
    if (recorders.includes(peer.id) === recording) return { ok: true, effects: [] };
    if (recording && !this.#allowStart(room.id, peer.id, now)) return fail('ERR_RATE_LIMITED');
    const next = recording ? [...recorders, peer.id] : recorders.filter((id) => id !== peer.id);
    this.#store(room.id, next);
    return { ok: true, effects: recordingChanged(room, next) };
  }

  /** Counts a start against `peer`'s budget; false (and nothing counted) when it is spent. */
  #allowStart(roomId: string, peer: PeerId, now: number): boolean {
    let toggles = this.#toggles.get(roomId);
    if (!toggles) {
      toggles = new Map();
      this.#toggles.set(roomId, toggles);
    }
    const recent = (toggles.get(peer) ?? []).filter((t) => now - t < RECORDING_START_WINDOW_MS);
    const allowed = recent.length < RECORDING_STARTS_PER_WINDOW;
    toggles.set(peer, allowed ? [...recent, now] : recent);
    return allowed;
  }

  /** The room's recorders for one member who just came (or came back), when anyone records. */
  greet(roomId: string, conn: ConnId): Effect[] {
    const recorders = this.#rooms.get(roomId) ?? [];
    return recorders.length === 0
      ? []
      : [emit(conn, 'recordingChanged', { recorders: [...recorders] })];
  }

  /**
   * Drops recorders (and budgets) of peers no longer in their room, and rooms that are gone;
   * the rooms still there hear of their shorter list.
   */
  sweep(): Effect[] {
    const effects: Effect[] = [];
    for (const [roomId, toggles] of [...this.#toggles]) {
      const room = this.room(roomId);
      if (!room) this.#toggles.delete(roomId);
      else for (const id of [...toggles.keys()]) if (!room.byId.has(id)) toggles.delete(id);
    }
    for (const [roomId, recorders] of [...this.#rooms]) {
      const room = this.room(roomId);
      const kept = room ? recorders.filter((id) => room.byId.has(id)) : [];
      if (kept.length === recorders.length) continue;
      this.#store(roomId, kept);
      if (room) effects.push(...recordingChanged(room, kept));
    }
    return effects;
  }

  /** Forgets everything. */
  clear(): void {
    this.#rooms.clear();
    this.#toggles.clear();
  }

  #store(roomId: string, recorders: PeerId[]): void {
    if (recorders.length === 0) this.#rooms.delete(roomId);
    else this.#rooms.set(roomId, recorders);
  }
}

/** `recordingChanged` for every connected member of the room. */
function recordingChanged(room: RoomState, recorders: readonly PeerId[]): Effect[] {
  return toOthers(room, null, (c) => emit(c, 'recordingChanged', { recorders: [...recorders] }));
}
