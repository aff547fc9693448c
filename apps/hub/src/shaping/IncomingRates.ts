/** Weight of the newest sample in a stream's smoothed rate. */
export const RATE_SMOOTHING = 0.5;

interface Sampled {
  bytes: number;
  at: number;
  bps: number | null;
}

/**
 * The rate (bit/s) at which the hub receives each stream, from its running byte count sampled
 * now and then (once per shaping round): each sample's rate since the previous one, smoothed.
 * A stream sampled once has no rate yet; one whose count went backwards starts over.
 */
export class IncomingRates<Source extends object> {
  readonly #sampled = new WeakMap<Source, Sampled>();

  /** `source` had received `bytes` in all at `now` (ms). */
  sample(source: Source, bytes: number, now: number): void {
    const last = this.#sampled.get(source);
    if (last === undefined || bytes < last.bytes || now < last.at) {
      this.#sampled.set(source, { bytes, at: now, bps: null });
      return;
    }
    if (now === last.at) return;
    const bps = ((bytes - last.bytes) * 8 * 1000) / (now - last.at);
    const smoothed = last.bps === null ? bps : last.bps + RATE_SMOOTHING * (bps - last.bps);
    this.#sampled.set(source, { bytes, at: now, bps: smoothed });
  }

  /** The stream's smoothed rate, or 0 before it has one. */
  bps(source: Source): number {
    return this.#sampled.get(source)?.bps ?? 0;
  }
}
