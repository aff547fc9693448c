import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

/** How late the hub's event loop ran between two reads: the delay every packet it relays waits. */
export interface EventLoopDelayReading {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Event-loop delay of this process between two reads. A hub whose loop runs late forwards late
 * and answers its links' pings late, so its peers hear silence ([M23]) though nothing is broken.
 */
export class EventLoopDelay {
  readonly #histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.#histogram.enable();
  }

  /** Delays since the previous read (or since the meter was made), in whole milliseconds. */
  read(): EventLoopDelayReading {
    const h = this.#histogram;
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e6) : 0);
    const reading = { p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) };
    h.reset();
    return reading;
  }

  /** Stops measuring. */
  close(): void {
    this.#histogram.disable();
  }
}
