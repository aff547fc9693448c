import type { ErrorCode } from './errors';

/**
 * The sentence a person or a log reader sees for each error code; the signal app sends it as a
 * failure's `message`. `satisfies` keeps the table to exactly the codes of `ERROR_CODES`.
 */
export const ERROR_MESSAGES = {
  ERR_BAD_REQUEST: 'The request does not match the protocol schema.',
  ERR_PAYLOAD_TOO_LARGE: 'The message is larger than the server accepts.',
  ERR_PROTOCOL_VERSION: 'This client speaks another protocol version; reload the page.',
  ERR_INVALID_ROOM_ID: 'Room names use 1-64 lowercase letters, digits and single hyphens.',
  ERR_INVALID_DISPLAY_NAME: 'Names are 1-48 printable characters, at least one of them visible.',
  ERR_ROOM_FULL: 'The room is full.',
  ERR_AUTH_FAILED: 'The room password is wrong.',
  ERR_NOT_JOINED: 'Join a room first.',
  ERR_ALREADY_JOINED: 'This connection has already joined a room.',
  ERR_NOT_LINKED: 'The current plan does not link you to that peer.',
  ERR_UNKNOWN_PEER: 'No such peer in this room.',
  ERR_STALE_PLAN: 'That plan version is not the one being prepared.',
  ERR_RATE_LIMITED: 'Too many messages; slow down.',
  ERR_ORIGIN_NOT_ALLOWED: 'This origin may not connect to the signal app.',
  ERR_NOT_HOST: 'Only the host can do that.',
  ERR_ROOM_LOCKED: 'The room is locked; ask the host to unlock it.',
  ERR_NO_PASSWORD: 'This room has no password; join without one.',
  ERR_JOIN_QUEUE_FULL: 'Too many people are joining this room at once; try again in a moment.',
  ERR_TOO_MANY_CONNECTIONS: 'Too many connections from your network address.',
  ERR_REMOVED: 'The host removed you from the room.',
  ERR_HUB_AUTH: 'Only an authenticated media hub may join as a server.',
  ERR_CLUSTER_UNAVAILABLE: 'The signal service cannot reach its room store; try again soon.',
  ERR_HUB_FULL:
    'The media hub carries as many rooms or streams as it may; the room keeps a peer hub.',
  ERR_LOBBY_WAITING: 'This room has a lobby; wait for the host to let you in.',
  ERR_LOBBY_DECLINED: 'The host did not let you in.',
  ERR_LOBBY_CLOSED: 'The room closed before anyone let you in.',
  ERR_INTERNAL: 'The server failed to handle the request.',
} as const satisfies Record<ErrorCode, string>;
