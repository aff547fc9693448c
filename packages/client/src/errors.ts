import { ERROR_MESSAGES, type ErrorCode, isErrorCode } from '@meshwork/protocol';

/**
 * Codes a session reports: the server's codes, plus `ERR_UNREACHABLE` (no connection to the
 * signal app), `ERR_TIMEOUT` (no answer within the deadline) and `ERR_CLOSED` (the session was
 * closed while the request was pending).
 */
export type SessionErrorCode = ErrorCode | 'ERR_UNREACHABLE' | 'ERR_TIMEOUT' | 'ERR_CLOSED';

const LOCAL_MESSAGES: Record<Exclude<SessionErrorCode, ErrorCode>, string> = {
  ERR_UNREACHABLE: 'The signal app cannot be reached.',
  ERR_TIMEOUT: 'The signal app did not answer in time.',
  ERR_CLOSED: 'The session is closed.',
};

/** The readable sentence of a session error code. */
export function sessionErrorMessage(code: SessionErrorCode): string {
  return code in LOCAL_MESSAGES
    ? LOCAL_MESSAGES[code as keyof typeof LOCAL_MESSAGES]
    : ERROR_MESSAGES[code as ErrorCode];
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
