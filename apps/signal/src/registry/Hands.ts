import type { PeerId, Reaction } from '@meshwork/protocol';
import { emit, fail, toOthers } from './effects';
import { isHost } from './Roles';
import type { PeerState, RoomState } from './Room';
import type { ConnId, Effect, Outcome } from './types';

/** Reactions one peer may send per window; more get `ERR_RATE_LIMITED` (SPEC [P26]). */
export const REACTIONS_PER_WINDOW = 5;
/** The reaction budget's window. */
export const REACTION_WINDOW_MS = 5_000;

/**
 * Raised hands and reactions (SPEC [P26]). Hands are kept per room in the order they went up;
 * a peer that leaves the room loses its hand. Reactions are not kept: each goes to the room
 * once, within a per-peer budget, so no peer can flood the others' screens.
 */
export class Hands {
  /** Per room, the peers whose hand is up, in the order raised. */
  readonly #rooms = new Map<string, PeerId[]>();
  /** Per room and peer, when its recent reactions went out (at most REACTIONS_PER_WINDOW). */
  readonly #sent = new Map<string, Map<PeerId, number[]>>();

  /** `room` finds a live room by id. */
  constructor(private readonly room: (roomId: string) => RoomState | undefined) {}

  /** Raises or lowers `peer`'s own hand, or (host only, lowering) the hand of `target`. */
  set(room: RoomState, peer: PeerState, raised: boolean, target?: PeerId): Outcome {
    const whose = target ?? peer.id;
    if (whose !== peer.id) {
      if (raised) return fail('ERR_BAD_REQUEST');
      if (!isHost(room, peer)) return fail('ERR_NOT_HOST');
      if (!room.byId.has(whose)) return fail('ERR_UNKNOWN_PEER');
    }
    const hands = this.#rooms.get(room.id) ?? [];
    const up = hands.includes(whose);
    if (up === raised) return { ok: true, effects: [] };
    const next = raised ? [...hands, whose] : hands.filter((id) => id !== whose);
    this.#store(room.id, next);
    return { ok: true, effects: handsChanged(room, next) };
  }

  /** Sends `reaction` to everyone in the room, the sender too, within its budget. */
  react(room: RoomState, peer: PeerState, reaction: Reaction, now: number): Outcome {
    let sent = this.#sent.get(room.id);
    if (!sent) {
      sent = new Map();
      this.#sent.set(room.id, sent);
    }
    const recent = (sent.get(peer.id) ?? []).filter((t) => now - t < REACTION_WINDOW_MS);
    if (recent.length >= REACTIONS_PER_WINDOW) {
      sent.set(peer.id, recent);
      return fail('ERR_RATE_LIMITED');
    }
    sent.set(peer.id, [...recent, now]);
    const event = { peerId: peer.id, reaction, at: now };
    return { ok: true, effects: toOthers(room, null, (c) => emit(c, 'reacted', event)) };
  }

  /** The room's hands for one member who just came (or came back), when any are up. */
  greet(roomId: string, conn: ConnId): Effect[] {
    const hands = this.#rooms.get(roomId) ?? [];
    return hands.length === 0 ? [] : [emit(conn, 'handsChanged', { hands: [...hands] })];
  }

  /**
   * Drops the hands (and budgets) of peers no longer in their room, and rooms that are gone;
   * the rooms still there hear of their shorter list.
   */
  sweep(): Effect[] {
    const effects: Effect[] = [];
    for (const [roomId, sent] of [...this.#sent]) {
      const room = this.room(roomId);
      if (!room) this.#sent.delete(roomId);
      else for (const id of [...sent.keys()]) if (!room.byId.has(id)) sent.delete(id);
    }
    for (const [roomId, hands] of [...this.#rooms]) {
      const room = this.room(roomId);
      const kept = room ? hands.filter((id) => room.byId.has(id)) : [];
      if (kept.length === hands.length) continue;
      this.#store(roomId, kept);
      if (room) effects.push(...handsChanged(room, kept));
    }
    return effects;
  }

  /** Forgets everything. */
  clear(): void {
    this.#rooms.clear();
    this.#sent.clear();
  }

  #store(roomId: string, hands: PeerId[]): void {
    if (hands.length === 0) this.#rooms.delete(roomId);
    else this.#rooms.set(roomId, hands);
  }
}

/** `handsChanged` for every connected member of the room. */
function handsChanged(room: RoomState, hands: readonly PeerId[]): Effect[] {
  return toOthers(room, null, (c) => emit(c, 'handsChanged', { hands: [...hands] }));
}
