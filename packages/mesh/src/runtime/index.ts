// Public surface of the mesh runtime: the controller, one link, link stats and the contract types.

export { EARLY_SIGNALS_MAX } from './controller/EarlySignals';
export { RECONCILE_MAX_PASSES } from './controller/Reconciler';
export { FILE_STALL_TIMEOUT_MS } from './dataPlane/DataPlane';
export { MeshRuntimeError } from './errors';
export {
  CHANNEL_HIGH_WATER_BYTES,
  CHANNEL_LOW_WATER_BYTES,
  ControlChannel,
} from './link/ControlChannel';
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
} from './link/PeerLink';
export { MeshController } from './MeshController';
export { streamKeyOf, type TrackIdentity } from './manifest';
export { STATS_INTERVAL_MS, StatsSampler } from './stats/StatsSampler';
export type {
  ChatMessage,
  CreateMediaStream,
  CreatePeerConnection,
  FileProgress,
  LinkStats,
  LinkStatsFeed,
  LinkStatus,
  MeshControllerApi,
  MeshControllerOptions,
  MeshError,
  MeshErrorCode,
  MeshEvents,
  ReceivedFile,
  StreamIdentity,
  StreamRoute,
} from './types';
