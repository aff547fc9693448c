export { ForwardingTap } from './forwarding/ForwardingTap';
export { KEYFRAME_REQUEST_INTERVAL_MS, KeyframeThrottle } from './forwarding/KeyframeThrottle';
export { type OriginCount, OriginCounters } from './metrics/OriginCounters';
export { type HubConfig, HubConfigError, loadHubConfig } from './service/config';
export {
  HUB_DISPLAY_NAME,
  HubRoom,
  type HubRoomOptions,
  type HubRoomStats,
} from './service/HubRoom';
export { createHubHttpServer, type HubHttpHandlers } from './service/httpServer';
export {
  HUB_LOAD_INTERVAL_MS,
  MediaHub,
  type MediaHubOptions,
  type MediaHubStats,
} from './service/MediaHub';
export { MAX_SIGNAL_APPS, SignalApps } from './service/SignalApps';
export { createWeriftMediaStream, weriftPeerConnections } from './werift/peerConnections';
