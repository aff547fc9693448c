// Test support: a stats source that answers each `statsReport()` with the next scripted report
// (an Error rejects). Not part of the package's export list.
import type { PeerId } from '@meshwork/protocol';
import type { StatsSource } from '../stats/StatsReader';
import type { StatsReportLike } from '../stats/summarize';
import type { LinkStatus } from '../types';

/** Cumulative counters of one scripted report. */
export interface Counters {
  bytesSent?: number;
  bytesReceived?: number;
  packetsLost?: number;
  packetsReceived?: number;
}

/** A report with one outbound and one inbound entry carrying `counters`. */
export function countersReport(counters: Counters): StatsReportLike {
  return new Map([
    ['O', { id: 'O', type: 'outbound-rtp', bytesSent: counters.bytesSent ?? 0 }],
    [
      'I',
      {
        id: 'I',
        type: 'inbound-rtp',
        bytesReceived: counters.bytesReceived ?? 0,
        packetsLost: counters.packetsLost ?? 0,
        packetsReceived: counters.packetsReceived ?? 0,
      },
    ],
  ]);
}

/** A link whose reports come from `script`, one per read; the last one repeats. */
export class ScriptedLink implements StatsSource {
  status: LinkStatus = 'connected';
  rttMs: number | null = 12;
  /** Reads so far. */
  reads = 0;

  constructor(
    readonly peer: PeerId,
    private readonly script: Array<Counters | Error>,
  ) {}

  statsReport(): Promise<StatsReportLike> {
    const step = this.script[Math.min(this.reads, this.script.length - 1)];
    this.reads += 1;
    if (step === undefined || step instanceof Error) {
      return Promise.reject(step ?? new Error('no script'));
    }
    return Promise.resolve(countersReport(step));
  }
}
