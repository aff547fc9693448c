import type { ErrorCode, PeerId } from '@meshwork/protocol';
import type { PeerState, RoomState } from './Room';
import type { ConnId, Effect, Emit } from './types';
import { roomLinks } from './views';

/** A refused call: its code, and nothing for the transport to do. */
export function fail(error: ErrorCode): { ok: false; error: ErrorCode; effects: Effect[] } {
  return { ok: false, error, effects: [] };
}

/** One event for one connection, its payload typed by the event. */
export function emit<E extends Emit['event']>(
  conn: ConnId,
  event: E,
  payload: Extract<Emit, { event: E }>['payload'],
): Effect {
  return { type: 'emit', conn, event, payload } as Effect;
}

/** One effect per connected peer of the room, except `exclude`; `make` may skip a peer. */
export function toOthers(
  room: RoomState,
  exclude: PeerId | null,
  make: (conn: ConnId, peer: PeerState) => Effect | null,
): Effect[] {
  const effects: Effect[] = [];
  for (const peer of room.peers) {
    if (peer.conn === null || peer.id === exclude) continue;
    const effect = make(peer.conn, peer);
    if (effect) effects.push(effect);
  }
  return effects;
}

/** `linksChanged` for the room (except `exclude`) if its link list changed since last sent. */
export function linksChanged(room: RoomState, exclude: PeerId | null): Effect[] {
  if (!room.linksDirty) return [];
  room.linksDirty = false;
  // The list carries every link's latest RTT, so nothing RTT-only is left to send.
  room.rttDirty = false;
  const links = roomLinks(room);
  return toOthers(room, exclude, (c) => emit(c, 'linksChanged', { links }));
}
