/** A codec as `RTCRtpSender.getCapabilities()` / `RTCRtpReceiver.getCapabilities()` list it. */
export interface CodecCapability {
  mimeType: string;
  clockRate: number;
  channels?: number;
  sdpFmtpLine?: string;
}

function sameCodec(a: CodecCapability, b: CodecCapability): boolean {
  return (
    a.mimeType.toLowerCase() === b.mimeType.toLowerCase() &&
    a.clockRate === b.clockRate &&
    (a.channels ?? 0) === (b.channels ?? 0) &&
    (a.sdpFmtpLine ?? '') === (b.sdpFmtpLine ?? '')
  );
}

/**
 * The codecs this end can both send and receive, in the receiver's order. Every m-line of a
 * link gets this one list, whichever end offers and whatever the direction: without it an offer
 * lists every receivable codec for a receiving m-line but only sendable ones in an answer, so
 * each time the offering side changes the receive codec list changes too, and libwebrtc rebuilds
 * every video receive stream of the link and waits for keyframes (a freeze on every tile).
 */
export function stableCodecs(
  send: readonly CodecCapability[],
  receive: readonly CodecCapability[],
): CodecCapability[] {
  return receive.filter((r) => send.some((s) => sameCodec(s, r)));
}

type CapabilitiesOf = { getCapabilities?: (kind: string) => { codecs: CodecCapability[] } | null };

/**
 * Gives `transceiver` the stable codec list of its kind, where the platform has
 * `setCodecPreferences` and capabilities (browsers, wrtc); elsewhere it does nothing. The
 * classes are read from the transceiver itself, so no platform global is needed.
 */
export function preferStableCodecs(transceiver: RTCRtpTransceiver): void {
  if (typeof transceiver.setCodecPreferences !== 'function') return;
  const kind = transceiver.receiver.track.kind;
  const sender = transceiver.sender.constructor as CapabilitiesOf;
  const receiver = transceiver.receiver.constructor as CapabilitiesOf;
  const send = sender.getCapabilities?.(kind)?.codecs;
  const receive = receiver.getCapabilities?.(kind)?.codecs;
  if (send === undefined || receive === undefined) return;
  const codecs = stableCodecs(send, receive);
  if (codecs.length === 0) return;
  transceiver.setCodecPreferences(codecs as RTCRtpCodec[]);
}
