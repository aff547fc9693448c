import type {
  ErrorCode,
  JoinOk,
  JoinRequest,
  JoinResult,
  MediaFlags,
  PublicKey,
} from '@meshwork/protocol';
import { PROTOCOL_VERSION } from '@meshwork/protocol';
import type { AckOutcome } from './AckCalls';
import { FATAL_JOIN_ERRORS } from './errors';
import type { JoinOptions } from './types';

/**
 * The join request of one attempt: what the person asked for, the media flags as they are now
 * (they may have changed since `join()`), the session's public key (the same on every attempt,
 * SPEC [P14]), and the resume fields after a first join. Pure.
 */
export function joinRequest(
  options: JoinOptions,
  media: MediaFlags,
  publicKey: PublicKey,
  resume: Partial<JoinRequest>,
): JoinRequest {
  const req: JoinRequest = {
    protocolVersion: PROTOCOL_VERSION,
    roomId: options.roomId,
    displayName: options.displayName,
    media,
    publicKey,
  };
  if (options.password !== undefined) req.password = options.password;
  if (options.hubToken !== undefined) req.hubToken = options.hubToken;
  if (options.capacity !== undefined) req.capacity = options.capacity;
  return Object.assign(req, resume);
}

/** What a join attempt came to. */
export type JoinVerdict =
  | { kind: 'joined'; ok: JoinOk }
  /** Refused for a reason retrying cannot fix (FATAL_JOIN_ERRORS): the session fails. */
  | { kind: 'fatal'; error: ErrorCode; message: string }
  /** The room's lobby holds this connection until the host answers (SPEC [P25]). */
  | { kind: 'waiting' }
  /** Refused for now (rate limit, internal error): retried with backoff. */
  | { kind: 'refused'; error: ErrorCode; message: string }
  /** No answer in time, or the connection dropped first: retried with backoff. */
  | { kind: 'unanswered'; error: 'ERR_UNREACHABLE'; message: string };

/** Judges a join's outcome. Pure. */
export function judgeJoin(outcome: AckOutcome<JoinResult>): JoinVerdict {
  if (!outcome.ok) {
    return { kind: 'unanswered', error: 'ERR_UNREACHABLE', message: outcome.error.message };
  }
  const res = outcome.value;
  if (res.ok) return { kind: 'joined', ok: res };
  if (res.error === 'ERR_LOBBY_WAITING') return { kind: 'waiting' };
  if (FATAL_JOIN_ERRORS.has(res.error))
    return { kind: 'fatal', error: res.error, message: res.message };
  return { kind: 'refused', error: res.error, message: res.message };
}
