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
  const both = receive.filter((r) => send.some((s) => sameCodec(s, r)));
  return commonGroundFirst(withoutDangling(both));
}

/** Codecs that only repair or protect another codec's packets: never useful on their own. */
const HELPERS = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03', 'cn', 'telephone-event']);

function subtype(codec: CodecCapability): string {
  return codec.mimeType.slice(codec.mimeType.indexOf('/') + 1).toLowerCase();
}

/**
 * Drops RTX, RED and FEC entries when no media codec is left for them to serve: a list of only
 * helpers makes an m-line no engine can decode, and `setCodecPreferences` rejects it.
 */
export function withoutDangling(codecs: readonly CodecCapability[]): CodecCapability[] {
  const media = codecs.filter((c) => !HELPERS.has(subtype(c)));
  return media.length === 0 ? [] : [...codecs];
}

/** What every browser decodes and encodes in software: Firefox has no H.264 without a plugin. */
const COMMON_GROUND = { video: 'vp8', audio: 'opus' } as const;

/**
 * Moves the common-ground codec (VP8 for video, Opus for audio) to the front, keeping the rest in
 * order: both ends then pick it whichever offers, so a relayed track never needs a codec its next
 * hop lacks, and no one encodes with a codec a third browser cannot decode.
 */
export function commonGroundFirst(codecs: readonly CodecCapability[]): CodecCapability[] {
  const first = codecs.filter((c) => {
    const kind = c.mimeType.slice(0, c.mimeType.indexOf('/')).toLowerCase();
    return kind in COMMON_GROUND && subtype(c) === COMMON_GROUND[kind as 'video' | 'audio'];
  });
  return [...first, ...codecs.filter((c) => !first.includes(c))];
}

type CapabilitiesOf = { getCapabilities?: (kind: string) => { codecs: CodecCapability[] } | null };

/**
 * Gives `transceiver` the stable codec list of its kind, where the platform has
 * `setCodecPreferences` and capabilities (browsers, wrtc) and keeps payload types under them
 * (`safe`); elsewhere it does nothing (the documented fallback: the engine's own list). The
 * classes are read from the transceiver itself, so no platform global is needed.
 */
export function preferStableCodecs(transceiver: RTCRtpTransceiver, safe: boolean): void {
  // Where the engine would renumber negotiated payload types under preferences (codecProbe),
  // it keeps its default list, which leads with VP8 and Opus in the engines tested.
  if (!safe || typeof transceiver.setCodecPreferences !== 'function') return;
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
