/** Lowest cap the hub asks an origin for (bit/s): below it video is not worth sending at all. */
export const CAP_FLOOR_BPS = 100_000;
/** Highest cap the hub asks for (bit/s); also what it sends to lift a cap nobody needs anymore. */
export const CAP_CEILING_BPS = 10_000_000;
/**
 * Estimates above this (bit/s) are not estimates: REMB's exponent can say 2^64, and a receiver
 * with no estimate yet may report anything. 0 is what a receiver with no estimate sends.
 */
export const MAX_VALID_ESTIMATE_BPS = 1_000_000_000;
/** An estimate not renewed for this long (ms) no longer counts: receivers renew theirs each second. */
export const ESTIMATE_MAX_AGE_MS = 5_000;

/** Whether a reported receiver estimate (bit/s) is one the hub believes. */
export function isValidEstimate(bps: number): boolean {
  return Number.isFinite(bps) && bps > 0 && bps <= MAX_VALID_ESTIMATE_BPS;
}

/** Clamps a cap into [CAP_FLOOR_BPS, CAP_CEILING_BPS]. */
export function clampCap(bps: number): number {
  return Math.min(CAP_CEILING_BPS, Math.max(CAP_FLOOR_BPS, Math.round(bps)));
}

/** One link a forwarded stream goes out on, as its cap sees it. */
export interface ReceiverShare {
  /** The receiver's estimate of its whole downlink from the hub (bit/s), or null. */
  estimate: number | null;
  /** Video streams the hub sends on the link, this one included. */
  videoStreams: number;
  /**
   * What the other video streams on the link take now (bit/s, as the hub receives them). Audio
   * does not count: a Chromium receiver estimates from video packets alone unless transport-wide
   * feedback is on, which hub links leave off.
   */
  othersBps: number;
}

/**
 * The cap (bit/s) for one forwarded stream from the links it goes out on. On each link the stream
 * may take what the other streams there leave of the receiver's estimate, and never less than an
 * even share of it: a light stream (a still picture) does not hold a busy one at half the link,
 * and two busy streams meet at the even share. The cap is the smallest over the links, within the
 * floor and the ceiling; null when none of its receivers has an estimate (nothing limits it).
 */
export function streamCap(receivers: readonly ReceiverShare[]): number | null {
  let cap: number | null = null;
  for (const r of receivers) {
    if (r.estimate === null) continue;
    const share = Math.max(r.estimate / Math.max(1, r.videoStreams), r.estimate - r.othersBps);
    cap = cap === null ? share : Math.min(cap, share);
  }
  return cap === null ? null : clampCap(cap);
}

/**
 * The REMB an origin link is sent (bit/s): the caps of the video streams it carries (null for a
 * stream no receiver limits, which counts the ceiling) and what its audio takes now, within the
 * ceiling; null when no receiver limits any of them. Chromium holds the link's whole send rate
 * to a REMB, audio included: without the audio, a camera capped at the floor kept some 50 kbit/s.
 */
export function originCap(videoCaps: readonly (number | null)[], audioBps: number): number | null {
  if (videoCaps.every((cap) => cap === null)) return null;
  const video = videoCaps.reduce<number>((sum, cap) => sum + (cap ?? CAP_CEILING_BPS), 0);
  return Math.min(CAP_CEILING_BPS, Math.round(video + Math.max(0, audioBps)));
}

/**
 * The latest valid bandwidth estimate of each receiver link, each aging out after `maxAgeMs`
 * without renewal. Invalid reports (0, absurd) are ignored and do not renew the last valid one.
 */
export class ReceiverEstimates<Link> {
  readonly #latest = new Map<Link, { bps: number; at: number }>();
  readonly #maxAgeMs: number;

  constructor(options: { maxAgeMs?: number } = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? ESTIMATE_MAX_AGE_MS;
  }

  /** A receiver reported `bps` at `now`; returns whether it counts. */
  report(link: Link, bps: number, now: number): boolean {
    if (!isValidEstimate(bps)) return false;
    this.#latest.set(link, { bps, at: now });
    return true;
  }

  /** The receiver's estimate at `now`, or null when it has none or it aged out. */
  estimate(link: Link, now: number): number | null {
    const latest = this.#latest.get(link);
    if (latest === undefined || now - latest.at > this.#maxAgeMs) return null;
    return latest.bps;
  }

  /** Forgets a link that closed. */
  forget(link: Link): void {
    this.#latest.delete(link);
  }
}
