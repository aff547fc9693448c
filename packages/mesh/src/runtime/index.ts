// Public surface of the mesh runtime: the controller, one link, and the contract types.

export {
  CHANNEL_HIGH_WATER_BYTES,
  CHANNEL_LOW_WATER_BYTES,
  ControlChannel,
} from './ControlChannel';
export { FILE_STALL_TIMEOUT_MS } from './dataPlane/DataPlane';
export { noopLogger, realClock } from './defaults';
export { Emitter } from './Emitter';
export { MeshRuntimeError } from './errors';
export { EARLY_SIGNALS_MAX, MeshController } from './MeshController';
export type { TrackIdentity } from './manifest';
export {
  CONNECT_TIMEOUT_MS,
  DECODE_POLL_INTERVAL_MS,
  DISCONNECTED_GRACE_MS,
  FIRST_FRAME_DEADLINE_MS,
  ICE_RESTART_BACKOFF_MS,
  ICE_RESTART_TIMEOUT_MS,
  type IncomingTrack,
  type OutgoingSource,
  PeerLink,
  type PeerLinkEvents,
  type PeerLinkOptions,
  PING_INTERVAL_MS,
} from './PeerLink';
export { TrackBundle } from './TrackBundle';
export type {
  ChatMessage,
  Clock,
  CreatePeerConnection,
  FileProgress,
  LinkStats,
  LinkStatus,
  Logger,
  MeshControllerApi,
  MeshControllerOptions,
  MeshError,
  MeshErrorCode,
  MeshEvents,
  ReceivedFile,
  StreamIdentity,
  StreamRoute,
} from './types';
