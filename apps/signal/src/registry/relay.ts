import { emit, fail } from './effects';
import type { PeerState, RoomState } from './Room';
import { linkedWithEpoch } from './StoredPlan';
import type { Outcome, RelayRequest } from './types';

/**
 * Relays a signal (SPEC [P4] [P5]) only to a peer of the same room that the committed or the
 * pending plan links to the sender with that epoch; the sender is stamped by the server.
 */
export function relay(room: RoomState, from: PeerState, req: RelayRequest): Outcome {
  if (!linkedWithEpoch(room, from.id, req.to, req.epoch)) return fail('ERR_NOT_LINKED');
  const target = room.byId.get(req.to);
  // An id a rebuilding room expects has no socket yet; it renegotiates when it is back.
  if (target === undefined) {
    return room.rebuild?.expected.has(req.to) ? { ok: true, effects: [] } : fail('ERR_NOT_LINKED');
  }
  // A peer in its grace period misses the signal; it renegotiates when it is back.
  if (target.conn === null) return { ok: true, effects: [] };
  const relayed = { from: from.id, epoch: req.epoch, signal: req.signal };
  return { ok: true, effects: [emit(target.conn, 'signal', relayed)] };
}
