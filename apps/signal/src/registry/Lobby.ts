import { randomBytes } from 'node:crypto';
import { ERROR_MESSAGES, type ErrorCode, type LobbyEntry } from '@meshwork/protocol';
import { emit, fail, toOthers } from './effects';
import { isHost } from './Roles';
import type { PeerState, RoomState } from './Room';
import type { ConnId, Effect, Outcome } from './types';

/** How many people may wait in one room's lobby at once; more get `ERR_JOIN_QUEUE_FULL`. */
export const MAX_LOBBY_WAITERS = 50;

/** One connection waiting to be let in. */
interface Waiter {
  id: string;
  conn: ConnId;
  roomId: string;
  displayName: string;
  since: number;
}

/** What a join asks of the lobby: wait, or come in. */
export type LobbyVerdict = { wait: false } | { wait: true; outcome: Outcome<never> };

/**
 * The rooms' lobbies (SPEC [P25]). A waiter is not in its room: it has no seat, peer id, plan,
 * peers, chat or media, and no signal reaches it, because the registry only knows seated peers.
 * The lobby keeps the waiters of each room in the order they asked, and the connections the host
 * let in until their join comes back. Every member sees the list; only the host answers.
 */
export class Lobby {
  /** Per room, waiters by lobby id, in the order they asked (a Map keeps insertion order). */
  readonly #rooms = new Map<string, Map<string, Waiter>>();
  readonly #byConn = new Map<ConnId, Waiter>();
  /** Connections the host let in, and the room each may now join. */
  readonly #admitted = new Map<ConnId, string>();

  /** `room` finds a live room by id; `newId` makes lobby ids (random by default). */
  constructor(
    private readonly room: (roomId: string) => RoomState | undefined,
    private readonly newId: () => string = () => randomBytes(12).toString('base64url'),
  ) {}

  /**
   * A newcomer's join to `room`: with the lobby on, it waits (listed for the members, answered
   * `ERR_LOBBY_WAITING`) unless the host already let this connection in.
   */
  gate(room: RoomState, conn: ConnId, displayName: string, now: number): LobbyVerdict {
    if (!room.lobby || this.#admitted.get(conn) === room.id) return { wait: false };
    const known = this.#byConn.get(conn);
    if (known && known.roomId === room.id) return { wait: true, outcome: waiting([]) };
    const effects = known ? this.drop(conn) : [];
    const queue = this.#queue(room.id);
    if (queue.size >= MAX_LOBBY_WAITERS)
      return { wait: true, outcome: fail('ERR_JOIN_QUEUE_FULL') };
    const waiter: Waiter = { id: this.newId(), conn, roomId: room.id, displayName, since: now };
    queue.set(waiter.id, waiter);
    this.#byConn.set(conn, waiter);
    return { wait: true, outcome: waiting([...effects, ...this.changed(room)]) };
  }

  /** A join went through: the connection's admission is used up. */
  joined(conn: ConnId): void {
    this.#admitted.delete(conn);
  }

  /** The host lets waiter `id` in (it is told to join again) or turns it away (and is dropped). */
  answer(room: RoomState, peer: PeerState, id: string, admit: boolean): Outcome {
    if (!isHost(room, peer)) return fail('ERR_NOT_HOST');
    const waiter = this.#rooms.get(room.id)?.get(id);
    if (waiter === undefined) return fail('ERR_UNKNOWN_PEER');
    this.#remove(waiter);
    const effects = admit ? this.#admit(waiter) : turnAway(waiter.conn, 'ERR_LOBBY_DECLINED');
    return { ok: true, effects: [...effects, ...this.changed(room)] };
  }

  /** The lobby was turned off: everyone waiting is let in. */
  admitAll(room: RoomState): Effect[] {
    const queue = this.#rooms.get(room.id);
    if (!queue || queue.size === 0) return [];
    const effects: Effect[] = [];
    for (const waiter of [...queue.values()]) {
      this.#remove(waiter);
      effects.push(...this.#admit(waiter));
    }
    return [...effects, ...this.changed(room)];
  }

  /**
   * A connection is gone (or waits elsewhere now): its place and admission go, and the members
   * of its room see the shorter list.
   */
  drop(conn: ConnId): Effect[] {
    this.#admitted.delete(conn);
    const waiter = this.#byConn.get(conn);
    if (waiter === undefined) return [];
    this.#remove(waiter);
    const room = this.room(waiter.roomId);
    return room ? this.changed(room) : [];
  }

  /** Rooms that are gone while people wait: each waiter is told `ERR_LOBBY_CLOSED` and dropped. */
  sweep(): Effect[] {
    const effects: Effect[] = [];
    const exists = (roomId: string) => this.room(roomId) !== undefined;
    for (const [roomId, queue] of [...this.#rooms]) {
      if (exists(roomId)) continue;
      for (const waiter of [...queue.values()]) {
        this.#remove(waiter);
        effects.push(...turnAway(waiter.conn, 'ERR_LOBBY_CLOSED'));
      }
    }
    for (const [conn, roomId] of [...this.#admitted]) {
      if (!exists(roomId)) this.#admitted.delete(conn);
    }
    return effects;
  }

  /** The waiters of a room, in the order they asked. */
  entries(roomId: string): LobbyEntry[] {
    const queue = this.#rooms.get(roomId);
    if (!queue) return [];
    return [...queue.values()].map((w) => ({
      id: w.id,
      displayName: w.displayName,
      since: w.since,
    }));
  }

  /** `lobbyChanged` for every connected member of the room. */
  changed(room: RoomState): Effect[] {
    const waiting = this.entries(room.id);
    return toOthers(room, null, (c) => emit(c, 'lobbyChanged', { waiting }));
  }

  /** `lobbyChanged` for one member who just came (or came back), when anyone waits. */
  greet(roomId: string, conn: ConnId): Effect[] {
    const waiting = this.entries(roomId);
    return waiting.length === 0 ? [] : [emit(conn, 'lobbyChanged', { waiting })];
  }

  /** Forgets everything. */
  clear(): void {
    this.#rooms.clear();
    this.#byConn.clear();
    this.#admitted.clear();
  }

  #admit(waiter: Waiter): Effect[] {
    this.#admitted.set(waiter.conn, waiter.roomId);
    return [emit(waiter.conn, 'lobbyAdmitted', { roomId: waiter.roomId })];
  }

  #queue(roomId: string): Map<string, Waiter> {
    let queue = this.#rooms.get(roomId);
    if (!queue) {
      queue = new Map();
      this.#rooms.set(roomId, queue);
    }
    return queue;
  }

  #remove(waiter: Waiter): void {
    this.#byConn.delete(waiter.conn);
    const queue = this.#rooms.get(waiter.roomId);
    queue?.delete(waiter.id);
    if (queue?.size === 0) this.#rooms.delete(waiter.roomId);
  }
}

/** A join that waits: the code, and the members' new list. */
function waiting(effects: Effect[]): Outcome<never> {
  return { ok: false, error: 'ERR_LOBBY_WAITING', effects };
}

/** A waiter told why it is not let in, then dropped. */
function turnAway(conn: ConnId, error: ErrorCode): Effect[] {
  return [
    emit(conn, 'serverError', { error, message: ERROR_MESSAGES[error] }),
    { type: 'disconnect', conn },
  ];
}
