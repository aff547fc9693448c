import { type Clock, Emitter, type Logger, Timers } from '@meshwork/kit';
import type { LinkStats, LinkStatsFeed } from '../types';
import { StatsReader, type StatsSource } from './StatsReader';

/** Interval of the shared link stats poll, while anyone subscribes. */
export const STATS_INTERVAL_MS = 2_000;

/** What the sampler needs from its controller. */
export interface StatsSamplerOptions {
  clock: Clock;
  logger: Logger;
  /** The links to read, at each poll. */
  links: () => Iterable<StatsSource>;
}

interface SamplerEvents {
  sampled: readonly LinkStats[];
}

/**
 * One poll of every link per `STATS_INTERVAL_MS` for every reader: tiles and panels subscribe
 * instead of each polling every link. It runs only while it has subscribers, polls at once when
 * the first arrives, and windows bitrates and loss between its own consecutive polls.
 */
export class StatsSampler implements LinkStatsFeed {
  readonly #options: StatsSamplerOptions;
  readonly #emitter: Emitter<SamplerEvents>;
  readonly #timers: Timers<'poll'>;
  #reader: StatsReader;
  #latest: readonly LinkStats[] = [];
  /** Bumped when sampling starts or stops, so a read begun in an older run is dropped. */
  #run = 0;
  #readingRun: number | null = null;
  #closed = false;

  constructor(options: StatsSamplerOptions) {
    this.#options = options;
    this.#emitter = new Emitter(options.logger);
    this.#timers = new Timers(options.clock);
    this.#reader = new StatsReader(options.clock);
  }

  /** Calls `listener` with every sample from now on; the disposer stops polling for the last one. */
  subscribe(listener: (stats: readonly LinkStats[]) => void): () => void {
    if (this.#closed) return () => {};
    const off = this.#emitter.on('sampled', listener);
    if (this.#emitter.listenerCount('sampled') === 1) this.#start();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      if (this.#emitter.listenerCount('sampled') === 0) this.#stop();
    };
  }

  /** The last sample of the current run; empty while nobody subscribes. */
  get latest(): readonly LinkStats[] {
    return this.#latest;
  }

  /** Subscribers at the moment (for tests and leak checks). */
  get subscribers(): number {
    return this.#emitter.listenerCount('sampled');
  }

  /** Idempotent: stops polling and drops every subscriber. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stop();
    this.#emitter.clear();
  }

  #start(): void {
    this.#run += 1;
    // A fresh reader: the first poll of a run is not windowed against one from before the gap.
    this.#reader = new StatsReader(this.#options.clock);
    this.#schedule();
    void this.#poll();
  }

  #stop(): void {
    this.#run += 1;
    this.#timers.clearAll();
    this.#latest = [];
  }

  #schedule(): void {
    this.#timers.set('poll', STATS_INTERVAL_MS, () => {
      this.#schedule();
      void this.#poll();
    });
  }

  async #poll(): Promise<void> {
    const run = this.#run;
    // A report slower than the interval is not stacked up behind.
    if (this.#readingRun === run) return;
    this.#readingRun = run;
    const reader = this.#reader;
    try {
      const stats = await reader.read(this.#options.links());
      if (run !== this.#run || this.#closed) return;
      this.#latest = stats;
      this.#emitter.emit('sampled', stats);
    } finally {
      if (this.#readingRun === run) this.#readingRun = null;
    }
  }
}
