import type { PeerId } from '@meshwork/protocol';

/** What the hub did with one origin's media, since the hub joined its room. */
export interface OriginCount {
  origin: PeerId;
  /** RTP packets received from the origin (on any of its streams). */
  packetsReceived: number;
  /** RTP packets sent on, summed over every receiver (one packet to three leaves counts 3). */
  packetsForwarded: number;
  /** Keyframe requests (PLI/FIR) receivers sent for this origin's video. */
  keyframeRequestsReceived: number;
  /** Keyframe requests the hub sent the origin after throttling. */
  keyframeRequestsSent: number;
  /** Packets the hub re-sent from its history because a receiver reported them lost (NACK). */
  packetsRetransmitted: number;
  /** Frames the hub decoded: always 0, a forwarding hub has no decoder. */
  framesDecoded: 0;
  /** Frames the hub encoded: always 0. */
  framesEncoded: 0;
}

/** One of the counters of an origin. */
export type Counter = Exclude<keyof OriginCount, 'origin' | 'framesDecoded' | 'framesEncoded'>;

/**
 * Counters of one hub room, kept per source (a received track) and summed per origin when read,
 * so packets that arrive before the manifest names the track's origin still count once it does.
 */
export class OriginCounters<Source extends object> {
  readonly #bySource = new Map<Source, Record<Counter, number>>();
  readonly #originOf: (source: Source) => PeerId | undefined;

  constructor(originOf: (source: Source) => PeerId | undefined) {
    this.#originOf = originOf;
  }

  /** Adds `n` to `counter` of `source`. */
  add(source: Source, counter: Counter, n = 1): void {
    let counts = this.#bySource.get(source);
    if (counts === undefined) {
      counts = {
        packetsReceived: 0,
        packetsForwarded: 0,
        keyframeRequestsReceived: 0,
        keyframeRequestsSent: 0,
        packetsRetransmitted: 0,
      };
      this.#bySource.set(source, counts);
    }
    counts[counter] += n;
  }

  /** Every origin's counters (sources whose origin is known), in the order sources appeared. */
  rows(): OriginCount[] {
    const rows = new Map<PeerId, OriginCount>();
    for (const [source, counts] of this.#bySource) {
      const origin = this.#originOf(source);
      if (origin === undefined) continue;
      let row = rows.get(origin);
      if (row === undefined) {
        row = {
          origin,
          packetsReceived: 0,
          packetsForwarded: 0,
          keyframeRequestsReceived: 0,
          keyframeRequestsSent: 0,
          packetsRetransmitted: 0,
          framesDecoded: 0,
          framesEncoded: 0,
        };
        rows.set(origin, row);
      }
      for (const counter of Object.keys(counts) as Counter[]) row[counter] += counts[counter];
    }
    return [...rows.values()];
  }
}
