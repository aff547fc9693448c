import type { Clock } from '@meshwork/kit';
import type { PeerId } from '@meshwork/protocol';
import type { LinkStats, LinkStatus } from '../types';
import { type StatsReportLike, type StatsSample, summarizeStats } from './summarize';

/** What stats are read from: one link life (a PeerLink). */
export interface StatsSource {
  readonly peer: PeerId;
  readonly status: LinkStatus;
  /** Last RTT a ping measured; stands in where the report has none. */
  readonly rttMs: number | null;
  /** The raw report of the link's peer connection; rejects once the link is closed. */
  statsReport(): Promise<StatsReportLike>;
}

/** The numbers of a link whose report could not be read: its status, nothing measured. */
export function unreadStats(link: Pick<StatsSource, 'peer' | 'status' | 'rttMs'>): LinkStats {
  return {
    peer: link.peer,
    status: link.status,
    rttMs: link.rttMs,
    outboundKbps: 0,
    inboundKbps: 0,
    packetLoss: 0,
    framesDecoded: 0,
    candidateType: null,
  };
}

/**
 * Reads every link at once and windows each against this reader's previous read of the same
 * link life. Each reader keeps its own windows, so a one-off read never shortens the sampler's.
 * One link's failure never fails the read: that link reports `unreadStats`.
 */
export class StatsReader {
  readonly #clock: Clock;
  readonly #samples = new Map<StatsSource, StatsSample>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** One `LinkStats` per link, in the order given. Never rejects. */
  async read(links: Iterable<StatsSource>): Promise<LinkStats[]> {
    const list = [...links];
    // A call that throws instead of rejecting still fails only its own link.
    const reports = await Promise.allSettled(
      list.map((link) => Promise.resolve().then(() => link.statsReport())),
    );
    const now = this.#clock.now();
    for (const link of [...this.#samples.keys()]) {
      if (!list.includes(link)) this.#samples.delete(link);
    }
    return list.map((link, i) => {
      const result = reports[i];
      if (result === undefined || result.status === 'rejected') return unreadStats(link);
      let summary: ReturnType<typeof summarizeStats>;
      try {
        summary = summarizeStats(result.value, this.#samples.get(link) ?? null, now);
      } catch {
        return unreadStats(link);
      }
      this.#samples.set(link, summary.sample);
      const { sample: _sample, ...numbers } = summary;
      return {
        peer: link.peer,
        status: link.status,
        ...numbers,
        rttMs: numbers.rttMs ?? link.rttMs,
      };
    });
  }
}
