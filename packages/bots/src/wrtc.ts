// `@roamhq/wrtc` is CommonJS whose named exports Node's ESM loader cannot see; import it whole.
import wrtc from '@roamhq/wrtc';

/** `@roamhq/wrtc`'s browser-like WebRTC classes and its nonstandard media sources and sinks. */
export const { MediaStream, RTCPeerConnection, nonstandard } = wrtc;

/** Creates a `@roamhq/wrtc` peer connection: the `createPeerConnection` a bot injects. */
export function createWrtcPeerConnection(config: RTCConfiguration): globalThis.RTCPeerConnection {
  return new RTCPeerConnection(config);
}

/** Creates a `@roamhq/wrtc` media stream of `tracks`: the `createMediaStream` a bot injects. */
export function createWrtcMediaStream(tracks: MediaStreamTrack[]): globalThis.MediaStream {
  return new MediaStream(tracks);
}

/** Decodes a received `@roamhq/wrtc` audio track, handing each 10 ms chunk's samples to `onChunk`. */
export function createWrtcAudioSink(
  track: MediaStreamTrack,
  onChunk: (samples: Int16Array) => void,
): { stop(): void } {
  const sink = new nonstandard.RTCAudioSink(track);
  sink.ondata = (event: { samples: Int16Array }) => onChunk(event.samples);
  return sink;
}
