import type { E2eeKeyRequest } from '@meshwork/protocol';
import { emit, fail } from './effects';
import type { PeerState, RoomState } from './Room';
import type { Outcome } from './types';

/**
 * Relays a frame-key message (SPEC [P33]) to one other member of the sender's room, only when
 * the message says it is from the sender and to that member. The signal app reads nothing else
 * of it: the sender signed it and sealed its key for the receiver, who checks both.
 */
export function relayE2eeKey(room: RoomState, from: PeerState, req: E2eeKeyRequest): Outcome {
  const target = room.byId.get(req.to);
  if (target === undefined || target === from) return fail('ERR_UNKNOWN_PEER');
  if (req.message.from !== from.id || req.message.to !== req.to) return fail('ERR_BAD_REQUEST');
  // A member in its grace period misses it; the sender introduces itself again on the next plan.
  if (target.conn === null) return { ok: true, effects: [] };
  return {
    ok: true,
    effects: [emit(target.conn, 'e2eeKeyRelayed', { from: from.id, message: req.message })],
  };
}
