import type { Logger } from './types';

type Listener<P> = (payload: P) => void;

/**
 * A small typed emitter. `on()` returns a disposer, and a listener that throws is logged while
 * the others are still called: a bug in the UI never breaks the mesh.
 */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly logger: Logger) {}

  /** Subscribes to `event`; call the returned function to unsubscribe. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    // A wrapper makes the same function subscribed twice two subscriptions, each with its disposer.
    const entry: Listener<Events[E]> = (payload) => listener(payload);
    set.add(entry as Listener<never>);
    return () => {
      set.delete(entry as Listener<never>);
    };
  }

  /** Calls every listener of `event` with `payload`; a throwing listener is logged and skipped. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const set = this.listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set] as Listener<Events[E]>[]) {
      try {
        listener(payload);
      } catch (err) {
        this.logger.error('listener threw', { event: String(event), error: String(err) });
      }
    }
  }

  /** Number of listeners of `event` (for tests and leak checks). */
  listenerCount(event: keyof Events): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Drops every listener. */
  clear(): void {
    this.listeners.clear();
  }
}
