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

type Counter = Exclude<keyof OriginCount, 'origin' | 'framesDecoded' | 'framesEncoded'>;

/** Per-origin counters of one hub room; read as plain rows for the stats endpoint and tests. */
export class OriginCounters {
  readonly #rows = new Map<PeerId, OriginCount>();

  /** Adds `n` to `counter` of `origin`. */
  add(origin: PeerId, counter: Counter, n = 1): void {
    let row = this.#rows.get(origin);
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
      this.#rows.set(origin, row);
    }
    row[counter] += n;
  }

  /** A copy of every origin's counters, in the order origins first sent media. */
  rows(): OriginCount[] {
    return [...this.#rows.values()].map((row) => ({ ...row }));
  }
}
