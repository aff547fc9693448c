import {
  type RTCPeerConnectionConfig,
  useFIR,
  useNACK,
  useOPUS,
  usePLI,
  useREMB,
  useVP8,
  MediaStream as WeriftMediaStream,
  RTCPeerConnection as WeriftPeerConnection,
} from 'werift';
import { routeKeyframeRequestsToSenders } from './keyframeRequestRouting';
import { matchRemoteOffersLikeBrowsers } from './remoteOfferMatching';

/** Gathering wait with no STUN or TURN server (seconds; 0 would mean werift's default, 5 s). */
export const NO_STUN_GATHER_S = 0.01;
/** Gathering wait for server-reflexive and relay candidates when servers are configured. */
export const STUN_GATHER_S = 2;

/** Options of the hub's werift peer connections. */
export interface WeriftOptions {
  /**
   * Host addresses to offer besides the interfaces werift finds (it skips loopback): for example
   * `127.0.0.1` when every peer runs on this machine.
   */
  hostAddresses?: readonly string[];
  /** Called with every peer connection made, before the mesh runtime uses it. */
  created?: (pc: WeriftPeerConnection) => void;
}

/**
 * The `createPeerConnection` the hub injects into the mesh runtime: a werift peer connection,
 * which has the browser's shape (EventTarget events, argument-free `setLocalDescription`,
 * `addTransceiver`, `replaceTrack`, `getStats`). ICE servers come from the signal app only:
 * werift's own default (a public STUN server) is never used.
 */
export function weriftPeerConnections(options: WeriftOptions = {}) {
  return (config: RTCConfiguration): RTCPeerConnection => {
    const iceServers = (config.iceServers ?? []) as NonNullable<
      RTCPeerConnectionConfig['iceServers']
    >;
    const init: Partial<RTCPeerConnectionConfig> = {
      iceServers,
      // werift waits this long for server-reflexive candidates before it can describe itself,
      // even with no STUN server at all (5 s by default): every offer and answer took 5 s.
      iceStunGatherTimeout: iceServers.length === 0 ? NO_STUN_GATHER_S : STUN_GATHER_S,
      iceAdditionalHostAddresses: [...(options.hostAddresses ?? [])],
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
      // The codecs every Meshwork peer sends (VP8 and Opus): forwarded as they come, so the
      // hub offers nothing a receiver could pick that an origin does not send.
      codecs: {
        audio: [useOPUS()],
        video: [useVP8({ rtcpFeedback: [useNACK(), usePLI(), useFIR(), useREMB()] })],
      },
    };
    const pc = new WeriftPeerConnection(init);
    matchRemoteOffersLikeBrowsers(pc);
    routeKeyframeRequestsToSenders(pc);
    options.created?.(pc);
    return pc as unknown as RTCPeerConnection;
  };
}

/** The `createMediaStream` the hub injects: a werift media stream of `tracks`. */
export function createWeriftMediaStream(tracks: MediaStreamTrack[]): MediaStream {
  return new WeriftMediaStream(
    tracks as unknown as WeriftMediaStream['tracks'],
  ) as unknown as MediaStream;
}
