/**
 * Every error code the signal app can return. Codes are stable: clients branch on them, never on
 * the message. The sentences live apart (`errorMessages.ts`), so a browser bundle that only
 * checks codes carries none of them.
 */
export const ERROR_CODES = [
  'ERR_BAD_REQUEST',
  'ERR_PAYLOAD_TOO_LARGE',
  'ERR_PROTOCOL_VERSION',
  'ERR_INVALID_ROOM_ID',
  'ERR_INVALID_DISPLAY_NAME',
  'ERR_ROOM_FULL',
  'ERR_AUTH_FAILED',
  'ERR_NOT_JOINED',
  'ERR_ALREADY_JOINED',
  'ERR_NOT_LINKED',
  'ERR_UNKNOWN_PEER',
  'ERR_STALE_PLAN',
  'ERR_RATE_LIMITED',
  'ERR_ORIGIN_NOT_ALLOWED',
  'ERR_NOT_HOST',
  'ERR_ROOM_LOCKED',
  'ERR_NO_PASSWORD',
  'ERR_JOIN_QUEUE_FULL',
  'ERR_TOO_MANY_CONNECTIONS',
  'ERR_REMOVED',
  'ERR_HUB_AUTH',
  'ERR_CLUSTER_UNAVAILABLE',
  'ERR_HUB_FULL',
  'ERR_LOBBY_WAITING',
  'ERR_LOBBY_DECLINED',
  'ERR_LOBBY_CLOSED',
  'ERR_INTERNAL',
] as const;

/** A stable error code carried by failed acks and `serverError` events. */
export type ErrorCode = (typeof ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Type guard for values received from the wire. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}
