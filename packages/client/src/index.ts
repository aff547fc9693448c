export { AckCalls, type AckOutcome, type AckSend } from './AckCalls';
export {
  BACKOFF_JITTER,
  type BackoffBounds,
  backoffDelay,
  DEFAULT_RECONNECT_DELAY_MS,
} from './backoff';
export { ClientSession } from './ClientSession';
export {
  connectErrorCode,
  FATAL_JOIN_ERRORS,
  SessionError,
  type SessionErrorCode,
  sessionErrorMessage,
} from './errors';
export { LIMITATION_REPORT_HOLD_MS, LimitationReporter, limitationOf } from './LimitationReporter';
export { PUBLIC_MESH_EVENTS } from './MeshBinding';
export {
  DEFAULT_MAX_RECONNECT_ATTEMPTS,
  ReconnectPolicy,
  type ReconnectPolicyOptions,
  type Retry,
} from './ReconnectPolicy';
export { type RoomChange, reduceRoomView, roomViewFromSnapshot } from './roomView';
export {
  type ClientSocket,
  type ConnectSocket,
  connectSocket,
  SOCKET_OPTIONS,
  type SocketConnectOptions,
} from './SignalConnection';
export { MAX_QUEUED_SIGNALS } from './SignalOutbox';
export { ACK_TIMEOUT_MS, LEAVE_TIMEOUT_MS } from './SignalRequests';
export type {
  ClientSessionApi,
  ClientSessionOptions,
  JoinOptions,
  PublicMeshEvent,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
  StatsListener,
} from './types';
