import type { MeshErrorCode } from '@meshwork/mesh/runtime';
import type { ErrorCode } from '@meshwork/protocol';

/** Every code a person can be shown: the server's, the mesh's, and the session's own. */
export type ShownErrorCode = ErrorCode | MeshErrorCode | 'ERR_UNREACHABLE' | 'ERR_TIMEOUT';

/**
 * What each error code means to a person. Typed over every code, so a code added to the
 * protocol or the mesh fails typecheck until it has words here (and in every language).
 */
export const errors = {
  ERR_BAD_REQUEST: 'The app sent a request the server does not understand; reload the page.',
  ERR_PAYLOAD_TOO_LARGE: 'The message is larger than the server accepts.',
  ERR_PROTOCOL_VERSION: 'This page speaks another protocol version; reload the page.',
  ERR_INVALID_ROOM_ID: 'Room names use 1-64 lowercase letters, digits and single hyphens.',
  ERR_INVALID_DISPLAY_NAME: 'Names are 1-48 printable characters, at least one of them visible.',
  ERR_ROOM_FULL: 'The room is full.',
  ERR_AUTH_FAILED: 'The room password is wrong.',
  ERR_NOT_JOINED: 'Join a room first.',
  ERR_ALREADY_JOINED: 'This connection has already joined a room.',
  ERR_NOT_LINKED: 'The current plan does not link you to that person.',
  ERR_UNKNOWN_PEER: 'That person is no longer in the room.',
  ERR_STALE_PLAN: 'The room changed its plan meanwhile.',
  ERR_RATE_LIMITED: 'Too many messages; slow down.',
  ERR_ORIGIN_NOT_ALLOWED: 'This site may not connect to the signal server.',
  ERR_NOT_HOST: 'Only the host can do that.',
  ERR_ROOM_LOCKED: 'The room is locked; ask the host to unlock it.',
  ERR_NO_PASSWORD: 'This room has no password; join without one.',
  ERR_JOIN_QUEUE_FULL: 'Too many people are joining this room at once; try again in a moment.',
  ERR_TOO_MANY_CONNECTIONS: 'Too many connections from your network address.',
  ERR_REMOVED: 'The host removed you from the room.',
  ERR_HUB_AUTH: 'Only an authenticated media hub may join as a server.',
  ERR_CLUSTER_UNAVAILABLE: 'The signal service cannot reach its room store; try again soon.',
  ERR_HUB_FULL: 'The media hub is full; the room keeps a person as its hub.',
  ERR_LOBBY_WAITING: 'This room has a lobby; wait for the host to let you in.',
  ERR_LOBBY_DECLINED: 'The host did not let you in.',
  ERR_LOBBY_CLOSED: 'The room closed before anyone let you in.',
  ERR_INTERNAL: 'Something went wrong on the server.',
  ERR_UNREACHABLE: 'The signal server cannot be reached.',
  ERR_TIMEOUT: 'The server did not answer in time.',
  ERR_ICE_FAILED: 'The connection to that person failed.',
  ERR_E2EE_DECRYPT: "That person's media could not be decrypted.",
  ERR_E2EE_KEY: 'An encryption key failed verification and was dropped.',
  ERR_NEGOTIATION_FAILED: 'The browsers could not agree on how to connect.',
  ERR_BAD_SIGNAL: 'A connection message was malformed.',
  ERR_BAD_PEER_MESSAGE: 'A message from another person was malformed.',
  ERR_DATA_CHANNEL: 'The data connection failed.',
  ERR_FILE_TOO_LARGE: 'The file is too large to send.',
  ERR_FILE_HASH_MISMATCH: 'The file arrived damaged and was discarded.',
  ERR_FILE_ABORTED: 'The transfer stopped before the end.',
  ERR_CLOSED: 'The call has ended.',
  ERR_BAD_OPTION: 'The app was set up wrongly; reload the page.',
  ERR_BAD_STREAM_KEY: 'A stream had a name the app does not know.',
  ERR_PLAN_FOR_OTHER_PEER: 'The server sent a plan meant for someone else.',
  ERR_RECONCILE_UNSETTLED: 'The connections did not settle in time.',
  ERR_BAD_ARGUMENT: 'The app asked for something impossible; reload the page.',
  ERR_BAD_SIGNATURE: 'A message failed its signature check.',
  ERR_WRONG_ROUTE: 'A message came by a route it should not take.',
  ERR_TOO_MANY_TRANSFERS: 'Too many files are on their way; wait for some to finish.',
  ERR_STALE_MESSAGE: 'A message was too old or from the future.',
  /** A code this version does not know (a newer server): said with the code itself. */
  unknown: (code: string) => `Something went wrong (${code}).`,
} as const satisfies Record<ShownErrorCode, string> & { unknown: (code: string) => string };
