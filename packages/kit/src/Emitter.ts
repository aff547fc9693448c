import { type Logger, noopLogger } from './logger';

/** Listener of one event of an event map. */
export type Listener<P> = (payload: P) => void;

/**
 * A small typed emitter over an event map (`{ linkStateChanged: LinkState }`). `on()` returns a
 * disposer; every `on()` is its own subscription, even for the same function twice. A listener
 * that throws is logged and the others are still called: a bug in the UI never breaks the mesh.
 */
export class Emitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never>>>();
  readonly #logger: Logger;

  constructor(logger: Logger = noopLogger) {
    this.#logger = logger;
  }

  /** Subscribes to `event`; the returned function unsubscribes (idempotent). */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    const entry: Listener<Events[E]> = (payload) => listener(payload);
    set.add(entry as Listener<never>);
    return () => {
      set.delete(entry as Listener<never>);
      if (set.size === 0 && this.#listeners.get(event) === set) this.#listeners.delete(event);
    };
  }

  /** Calls every listener of `event` with `payload`; a throwing listener is logged and skipped. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set] as Listener<Events[E]>[]) {
      try {
        listener(payload);
      } catch (err) {
        this.#logger.error('listener threw', { event: String(event), error: String(err) });
      }
    }
  }

  /** Number of listeners of `event` (for tests and leak checks). */
  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /** Drops every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
