import { type ErrorCode, isErrorCode } from '@meshwork/protocol';

/**
 * Codes a session reports: the server's codes, plus `ERR_UNREACHABLE` (no connection to the
 * signal app), `ERR_TIMEOUT` (no answer within the deadline) and `ERR_CLOSED` (the session was
 * closed while the request was pending).
 */
export type SessionErrorCode = ErrorCode | 'ERR_UNREACHABLE' | 'ERR_TIMEOUT' | 'ERR_CLOSED';

/**
 * Sentences of the codes the session raises itself. A refusal by the signal app carries the
 * server's own sentence, so the browser bundle holds no table of every code's sentence.
 */
const LOCAL_MESSAGES: Partial<Record<SessionErrorCode, string>> = {
  ERR_UNREACHABLE: 'The signal app cannot be reached.',
  ERR_TIMEOUT: 'The signal app did not answer in time.',
  ERR_CLOSED: 'The session is closed.',
  ERR_NOT_JOINED: 'Join a room first.',
};

/**
 * The readable sentence of a code the session raises itself; for any other code, the code (a
 * refusal's sentence is the server's `message`, and `ERROR_MESSAGES` of `@meshwork/protocol`).
 */
export function sessionErrorMessage(code: SessionErrorCode): string {
  return LOCAL_MESSAGES[code] ?? code;
}

/** A failed session action; branch on `code`, never on `message`. */
export class SessionError extends Error {
  readonly code: SessionErrorCode;

  constructor(code: SessionErrorCode, message: string = sessionErrorMessage(code)) {
    super(message);
    this.name = 'SessionError';
    this.code = code;
  }
}

/**
 * Join refusals that retrying cannot fix: the session goes to `failed`. Other refusals (rate
 * limits, internal errors) are retried with backoff.
 */
export const FATAL_JOIN_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_BAD_REQUEST',
  'ERR_PAYLOAD_TOO_LARGE',
  'ERR_PROTOCOL_VERSION',
  'ERR_INVALID_ROOM_ID',
  'ERR_INVALID_DISPLAY_NAME',
  'ERR_ROOM_FULL',
  'ERR_AUTH_FAILED',
  'ERR_ALREADY_JOINED',
  'ERR_ORIGIN_NOT_ALLOWED',
  'ERR_ROOM_LOCKED',
  'ERR_NO_PASSWORD',
  'ERR_HUB_AUTH',
  'ERR_REMOVED',
]);

/**
 * The protocol code a Socket.IO connect error carries, if any: middleware refusals put it in
 * the message or in `data.error` / `data.code`. Pure.
 */
export function connectErrorCode(err: Error & { data?: unknown }): ErrorCode | null {
  if (isErrorCode(err.message)) return err.message;
  const data = err.data;
  if (data && typeof data === 'object') {
    for (const key of ['error', 'code']) {
      const value = (data as Record<string, unknown>)[key];
      if (isErrorCode(value)) return value;
    }
  }
  return null;
}
