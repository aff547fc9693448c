import type { LinkStats } from '@meshwork/mesh/runtime';
import type { QualityLimitation } from '@meshwork/protocol';

/**
 * How long a change of what holds this peer's video back must hold across samples before the
 * room is told (SPEC [P28]): Chromium flips `qualityLimitationReason` for a second at a time, and
 * each report is a message to the server. The server has its own, longer persistence time.
 */
export const LIMITATION_REPORT_HOLD_MS = 3_000;

/** What holds this peer's outgoing video back over all its links: `cpu` before `bandwidth`. */
export function limitationOf(stats: readonly LinkStats[]): QualityLimitation | null {
  if (stats.some((s) => s.qualityLimitation === 'cpu')) return 'cpu';
  if (stats.some((s) => s.qualityLimitation === 'bandwidth')) return 'bandwidth';
  return null;
}

/**
 * Turns link stats samples into limitation reports: a new value is reported once it has held for
 * {@link LIMITATION_REPORT_HOLD_MS}, and only when it differs from the last one reported.
 */
export class LimitationReporter {
  #candidate: QualityLimitation | null = null;
  #since = Number.NEGATIVE_INFINITY;
  #reported: QualityLimitation | null = null;

  readonly #report: (limitation: QualityLimitation | null) => void;
  constructor(report: (limitation: QualityLimitation | null) => void) {
    this.#report = report;
  }

  /** One sample of every link, taken at `now` (ms). */
  sample(stats: readonly LinkStats[], now: number): void {
    const seen = limitationOf(stats);
    if (seen !== this.#candidate) {
      this.#candidate = seen;
      this.#since = now;
    }
    if (this.#candidate === this.#reported || now - this.#since < LIMITATION_REPORT_HOLD_MS) return;
    this.#reported = this.#candidate;
    this.#report(this.#reported);
  }

  /** The last value reported (null: none, or nothing reported yet). */
  get reported(): QualityLimitation | null {
    return this.#reported;
  }
}
