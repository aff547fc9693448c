export {
  BACKOFF_JITTER,
  type BackoffBounds,
  backoffDelay,
  DEFAULT_RECONNECT_DELAY_MS,
} from './backoff';
export {
  ACK_TIMEOUT_MS,
  ClientSession,
  type ClientSocket,
  LEAVE_TIMEOUT_MS,
  MAX_QUEUED_SIGNALS,
} from './ClientSession';
export { Emitter, type Listener } from './emitter';
export {
  FATAL_JOIN_ERRORS,
  SessionError,
  type SessionErrorCode,
  sessionErrorMessage,
} from './errors';
export { type RoomChange, reduceRoomView, roomViewFromSnapshot } from './roomView';
export type {
  ClientSessionApi,
  ClientSessionOptions,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
} from './types';
