import { Emitter, type Logger, noopLogger } from '@meshwork/kit';
import type { LinkStats, LinkStatsFeed } from '@meshwork/mesh/runtime';
import type { StatsListener } from './types';

/** The part of a mesh controller's stats sampler (`controller.stats`) the feed subscribes to. */
export type StatsSource = Pick<LinkStatsFeed, 'subscribe'>;

interface FeedEvents {
  sampled: readonly LinkStats[];
}

/**
 * The session's link stats, following whichever mesh controller is current. It holds one
 * subscription to that controller's sampler, and only while it has listeners of its own, so the
 * sampler polls only while someone looks. Without a controller it delivers nothing.
 */
export class StatsFeed {
  readonly #listeners: Emitter<FeedEvents>;
  #source: StatsSource | null = null;
  #detach: (() => void) | null = null;

  constructor(logger: Logger = noopLogger) {
    this.#listeners = new Emitter<FeedEvents>(logger);
  }

  /** Follows `source` from now on (null: no controller); the old one is let go. */
  attach(source: StatsSource | null): void {
    this.#unsubscribe();
    this.#source = source;
    if (this.listenerCount > 0) this.#subscribe();
  }

  /** Listens to every sample; the returned function stops listening (idempotent). */
  subscribe(listener: StatsListener): () => void {
    const off = this.#listeners.on('sampled', listener);
    if (this.listenerCount === 1) this.#subscribe();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      off();
      if (this.listenerCount === 0) this.#unsubscribe();
    };
  }

  /** Listeners subscribed. */
  get listenerCount(): number {
    return this.#listeners.listenerCount('sampled');
  }

  /** Lets go of the source and every listener. */
  close(): void {
    this.attach(null);
    this.#listeners.clear();
  }

  #subscribe(): void {
    if (!this.#source || this.#detach) return;
    this.#detach = this.#source.subscribe((stats) => this.#listeners.emit('sampled', stats));
  }

  #unsubscribe(): void {
    const detach = this.#detach;
    this.#detach = null;
    detach?.();
  }
}
