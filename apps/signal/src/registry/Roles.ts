import { ERROR_MESSAGES, type PeerId, type UpdateRoomRequest } from '@meshwork/protocol';
import { emit, fail, toOthers } from './effects';
import { isMediaServer } from './hubChoice';
import type { PeerState, RoomState } from './Room';
import type { Effect, Outcome } from './types';
import { roomSettings } from './views';

/**
 * The longest-present connected person, else the longest-present one (SPEC [P15]). A media hub
 * is never host: it steers nothing and lets no one in.
 */
export function nextHost(room: RoomState): PeerId | null {
  const people = room.peers.filter((p) => !isMediaServer(p));
  return (people.find((p) => p.conn !== null) ?? people[0])?.id ?? null;
}

/** `settingsChanged` for everyone in the room, except `exclude`. */
export function settingsChanged(room: RoomState, exclude: PeerId | null = null): Effect[] {
  const settings = roomSettings(room);
  return toOthers(room, exclude, (c) => emit(c, 'settingsChanged', settings));
}

/**
 * Gives the room a host if it has none or its host is gone (a rebuilt room whose members came
 * back without the host's token, or a host that left). Returns whether the host changed.
 */
export function ensureHost(room: RoomState): boolean {
  if (room.hostId !== null && room.byId.has(room.hostId)) return false;
  // A rebuilding room keeps the role open for the resumer whose token says it was host.
  if (room.hostId === null && room.rebuild !== null) return false;
  const next = nextHost(room);
  if (next === room.hostId) return false;
  room.hostId = next;
  return true;
}

/** Whether `peer` may change topology and hub under the room's policy. */
export function mayControl(room: RoomState, peer: PeerState): boolean {
  return room.controlPolicy === 'everyone' || room.hostId === peer.id;
}

/** A host-only request's first check. */
export function isHost(room: RoomState, peer: PeerState): boolean {
  return room.hostId === peer.id;
}

/**
 * Applies the host's room update: policy, lock and password (already hashed, or null to clear).
 * The others hear of a real change only.
 */
export function applyRoomUpdate(
  room: RoomState,
  req: Omit<UpdateRoomRequest, 'password'>,
  passwordHash: string | null | undefined,
): Effect[] {
  let changed = false;
  if (req.controlPolicy !== undefined && req.controlPolicy !== room.controlPolicy) {
    room.controlPolicy = req.controlPolicy;
    changed = true;
  }
  if (req.locked !== undefined && req.locked !== room.locked) {
    room.locked = req.locked;
    changed = true;
  }
  if (req.lobby !== undefined && req.lobby !== room.lobby) {
    room.lobby = req.lobby;
    changed = true;
  }
  if (req.e2ee !== undefined && req.e2ee !== room.e2ee) {
    room.e2ee = req.e2ee;
    changed = true;
  }
  if (passwordHash !== undefined && passwordHash !== room.passwordHash) {
    // A new password is a change even when the room had one: the old one stops working.
    room.passwordHash = passwordHash;
    changed = true;
  }
  return changed ? settingsChanged(room) : [];
}

/** Hands the host role to another person in the room (not a media hub). */
export function transferHost(room: RoomState, host: PeerState, target: PeerId): Outcome {
  if (!isHost(room, host)) return fail('ERR_NOT_HOST');
  const next = room.byId.get(target);
  // A media hub is not a person the role can go to: as far as hosting goes, no such peer.
  if (next === undefined || isMediaServer(next)) return fail('ERR_UNKNOWN_PEER');
  if (target === host.id) return { ok: true, effects: [] };
  room.hostId = target;
  return { ok: true, effects: settingsChanged(room) };
}

/** What the removed peer is told before its connection is dropped. */
export function removalNotice(peer: PeerState): Effect[] {
  if (peer.conn === null) return [];
  return [
    emit(peer.conn, 'serverError', { error: 'ERR_REMOVED', message: ERROR_MESSAGES.ERR_REMOVED }),
    { type: 'disconnect', conn: peer.conn },
  ];
}
