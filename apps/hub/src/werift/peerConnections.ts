import {
  MediaStream as WeriftMediaStream,
  RTCPeerConnection as WeriftPeerConnection,
  type RTCPeerConnectionConfig,
} from 'werift';

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
    const init: Partial<RTCPeerConnectionConfig> = {
      iceServers: (config.iceServers ?? []) as NonNullable<RTCPeerConnectionConfig['iceServers']>,
      iceAdditionalHostAddresses: [...(options.hostAddresses ?? [])],
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
    };
    const pc = new WeriftPeerConnection(init);
    options.created?.(pc);
    return pc as unknown as RTCPeerConnection;
  };
}

/** The `createMediaStream` the hub injects: a werift media stream of `tracks`. */
export function createWeriftMediaStream(tracks: MediaStreamTrack[]): MediaStream {
  return new WeriftMediaStream(tracks as unknown as WeriftMediaStream['tracks']) as unknown as MediaStream;
}
