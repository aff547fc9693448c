import type { StreamKey, TrackKind } from '@meshwork/protocol';
import { MeshRuntimeError } from '../errors';

/** Uplink budget of a peer when nobody configures one: 2.5 Mbit/s up. */
export const DEFAULT_UPLINK_KBPS = 2_500;
/** Smallest and largest uplink budget a peer may be given. */
export const UPLINK_KBPS_MIN = 100;
export const UPLINK_KBPS_MAX = 100_000;
/**
 * `kbps` if it is a usable uplink budget; misuse ({@link UPLINK_KBPS_MIN} to
 * {@link UPLINK_KBPS_MAX} kbit/s, finite) throws `ERR_BAD_OPTION` at once.
 */
export function checkUplinkKbps(kbps: number): number {
  if (!Number.isFinite(kbps) || kbps < UPLINK_KBPS_MIN || kbps > UPLINK_KBPS_MAX) {
    throw new MeshRuntimeError(
      'ERR_BAD_OPTION',
      `uplink budget must be ${UPLINK_KBPS_MIN}-${UPLINK_KBPS_MAX} kbit/s, got ${kbps}`,
    );
  }
  return kbps;
}

/** Ceiling and floor of one outgoing audio stream on the wire (RTP headers included). */
export const AUDIO_MAX_KBPS = 40;
export const AUDIO_MIN_KBPS = 18;
/**
 * What RTP headers and their extensions add to an audio stream: about 30 bytes on each of 50
 * packets a second. An encoding's `maxBitrate` limits the payload only, so it is the share less this.
 */
export const AUDIO_HEADER_KBPS = 12;
/** Smallest audio payload limit (Opus goes no lower). */
export const AUDIO_PAYLOAD_MIN_KBPS = 6;
/** Share of a video stream's bits its RTP headers take (payload limit = share x (1 - this)). */
export const VIDEO_HEADER_SHARE = 0.05;
/** Audio never takes more than this share of the budget while its floor allows. */
export const AUDIO_SHARE_MAX = 0.25;
/** A screen share gets this many shares of the video budget for a camera's one. */
export const SCREEN_WEIGHT = 2;
/** Bits an encoded pixel needs for a watchable picture (VP8/H.264 at low motion). */
export const BITS_PER_PIXEL = 0.08;
/** Resolution divisors tried in order; the first whose pixel rate fits the share wins. */
export const SCALE_STEPS: readonly number[] = [1, 1.5, 2, 3, 4, 6, 8];
/** No step scales a picture below this height; frame rate drops instead. */
export const MIN_HEIGHT_PX = 90;
/** Frame rate never drops below this, whatever the share. */
export const MIN_FPS = 5;
/** Assumed source when a track does not report its size (720p30, the largest usual camera). */
export const ASSUMED_SOURCE: VideoSource = { width: 1280, height: 720, frameRate: 30 };

/** Size and rate of the picture a video track carries. */
export interface VideoSource {
  width: number;
  height: number;
  frameRate: number;
}

/** One outgoing track of this peer on one link, local or relayed for another origin. */
export interface UplinkSend {
  kind: TrackKind;
  stream: StreamKey;
  /** The picture it carries, when the track says; `null` assumes {@link ASSUMED_SOURCE}. */
  source: VideoSource | null;
}

/** What an `RTCRtpSender`'s single encoding is limited to. */
export interface SendEncoding {
  /** bit/s. */
  maxBitrate: number;
  /** Video only: divisor of width and height (>= 1). */
  scaleResolutionDownBy?: number;
  /** Video only: frames per second. */
  maxFramerate?: number;
}

/**
 * Spreads one peer's uplink budget over every track it sends, its own and the ones it relays for
 * other origins, so what they send together, RTP headers included, stays within `budgetKbps`
 * (the encodings' `maxBitrate`, a payload limit, sums to less). Audio gets
 * up to {@link AUDIO_MAX_KBPS} each (less when many audio streams would take more than
 * {@link AUDIO_SHARE_MAX} of the budget, down to {@link AUDIO_MIN_KBPS}); video shares the rest by
 * weight (a screen share {@link SCREEN_WEIGHT}, a camera 1). Each video share then picks the
 * largest resolution step, and if need be a lower frame rate, that its bits can carry, so a
 * thin share sends a smaller, steadier picture instead of a starved full-size one. Returns one
 * encoding per send, in order.
 */
export function allocateUplink(sends: readonly UplinkSend[], budgetKbps: number): SendEncoding[] {
  const audio = sends.filter((s) => s.kind === 'audio').length;
  const audioKbps =
    audio === 0
      ? 0
      : Math.min(
          AUDIO_MAX_KBPS,
          Math.max(AUDIO_MIN_KBPS, (budgetKbps * AUDIO_SHARE_MAX) / audio),
          budgetKbps / audio,
        );
  const videoKbps = Math.max(0, budgetKbps - audioKbps * audio);
  let weights = 0;
  for (const s of sends) if (s.kind === 'video') weights += weightOf(s);
  return sends.map((s) => {
    if (s.kind === 'audio') {
      const payload = Math.max(
        audioKbps - AUDIO_HEADER_KBPS,
        Math.min(audioKbps, AUDIO_PAYLOAD_MIN_KBPS),
      );
      return { maxBitrate: bitsOf(payload) };
    }
    const share = (videoKbps * weightOf(s)) / weights;
    return videoEncoding(share * (1 - VIDEO_HEADER_SHARE), s.source ?? ASSUMED_SOURCE);
  });
}

/** The largest picture `kbps` carries at {@link BITS_PER_PIXEL}, as one video encoding. */
export function videoEncoding(kbps: number, source: VideoSource): SendEncoding {
  const bits = kbps * 1000;
  const fps = Math.max(1, source.frameRate);
  const pixels = (scale: number) => (source.width / scale) * (source.height / scale);
  const allowed = SCALE_STEPS.filter(
    (scale) => scale === 1 || source.height / scale >= MIN_HEIGHT_PX,
  );
  for (const scale of allowed) {
    if (pixels(scale) * fps * BITS_PER_PIXEL <= bits) {
      return { maxBitrate: bitsOf(kbps), scaleResolutionDownBy: scale, maxFramerate: fps };
    }
  }
  const scale = allowed[allowed.length - 1] ?? 1;
  const carried = Math.floor(bits / (pixels(scale) * BITS_PER_PIXEL));
  return {
    maxBitrate: bitsOf(kbps),
    scaleResolutionDownBy: scale,
    maxFramerate: Math.min(fps, Math.max(MIN_FPS, carried)),
  };
}

function weightOf(send: UplinkSend): number {
  return send.stream === 'screen' ? SCREEN_WEIGHT : 1;
}

/** kbit/s to whole bit/s, rounded down so a sum never exceeds its budget. */
function bitsOf(kbps: number): number {
  return Math.floor(kbps * 1000);
}
