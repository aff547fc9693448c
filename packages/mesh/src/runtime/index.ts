// Public surface of the mesh runtime: the controller, one link, link stats and the contract types.

export { EARLY_SIGNALS_MAX } from './controller/EarlySignals';
export { RECONCILE_MAX_PASSES } from './controller/Reconciler';
export { INBOUND_BACKLOG_MAX } from './dataPlane/DataPlane';
export {
  FILE_STALL_TIMEOUT_MS,
  MAX_INCOMING_BYTES,
  MAX_INCOMING_TRANSFERS,
  MAX_INCOMING_TRANSFERS_PER_ORIGIN,
  MAX_ORPHAN_CHUNKS,
  ORPHAN_CHUNK_TTL_MS,
} from './dataPlane/FileAssembler';
export { UNKNOWN_ORIGIN_HOLD_MAX, UNKNOWN_ORIGIN_HOLD_MS } from './dataPlane/KeyWait';
export { createSigner } from './dataPlane/signing';
export type { FrameProtector } from './e2ee/FrameProtector';
export type { FrameCounts } from './e2ee/workerMessages';
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
export { unreadStats } from './stats/StatsReader';
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
  Signer,
  StreamIdentity,
  StreamRoute,
} from './types';
export {
  AUDIO_MAX_KBPS,
  AUDIO_MIN_KBPS,
  allocateUplink,
  checkUplinkKbps,
  DEFAULT_UPLINK_KBPS,
  type SendEncoding,
  UPLINK_KBPS_MAX,
  UPLINK_KBPS_MIN,
  type UplinkSend,
  type VideoSource,
} from './uplink/allocateUplink';
