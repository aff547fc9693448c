import { Emitter } from '@meshwork/kit';
import type { LinkStats } from '@meshwork/mesh/runtime';
import { consoleLogger } from '../consoleLogger';
import type { AppSession, LinkStatsSource, StatsListener } from './types';

const NO_STATS: readonly LinkStats[] = Object.freeze([]);

/**
 * Shares one stats subscription on the current session among every tile that shows link quality.
 * It subscribes upstream only while it has listeners of its own, so the mesh samples links only
 * while a badge is on screen, and it moves that subscription when a join brings a new session.
 */
export class LinkStatsRelay implements LinkStatsSource {
  // A throwing badge is skipped by the emitter, so the others keep updating.
  readonly #samples = new Emitter<{ sampled: readonly LinkStats[] }>(
    consoleLogger('web:link-stats'),
  );
  #session: AppSession | null = null;
  #upstream: (() => void) | null = null;
  #latest: readonly LinkStats[] = NO_STATS;

  /** The numbers last pushed for the current session. */
  get latest(): readonly LinkStats[] {
    return this.#latest;
  }

  /** Calls `listener` on every new sample; the returned function unsubscribes (idempotent). */
  subscribe(listener: StatsListener): () => void {
    const off = this.#samples.on('sampled', listener);
    this.#connect();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      if (this.#samples.listenerCount('sampled') === 0) this.#disconnect();
    };
  }

  /** Follows `session` (or none); numbers of the previous session are dropped. */
  follow(session: AppSession | null): void {
    if (session === this.#session) return;
    this.#disconnect();
    this.#session = session;
    if (this.#latest.length > 0) this.#publish(NO_STATS);
    this.#connect();
  }

  #connect(): void {
    if (this.#upstream || !this.#session || this.#samples.listenerCount('sampled') === 0) return;
    this.#upstream = this.#session.subscribeStats((stats) => this.#publish(stats));
  }

  #disconnect(): void {
    this.#upstream?.();
    this.#upstream = null;
  }

  #publish(stats: readonly LinkStats[]): void {
    this.#latest = stats;
    this.#samples.emit('sampled', stats);
  }
}
