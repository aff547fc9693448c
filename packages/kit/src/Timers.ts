import type { Clock, TimerHandle } from './clock';

/**
 * Named one-shot timers over a Clock: setting a name again replaces its timer, and `clearAll()`
 * stops every one, so an owner's `close()` never leaves a timer behind in a hand-kept list.
 */
export class Timers<Name extends string = string> {
  readonly #clock: Clock;
  readonly #handles = new Map<Name, TimerHandle>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Runs `fn` after `ms`, replacing any timer already set under `name`. */
  set(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    const handle = this.#clock.setTimeout(() => {
      if (this.#handles.get(name) === handle) this.#handles.delete(name);
      fn();
    }, ms);
    this.#handles.set(name, handle);
  }

  /** Stops the timer under `name`, if any. */
  clear(name: Name): void {
    const handle = this.#handles.get(name);
    if (handle === undefined) return;
    this.#handles.delete(name);
    this.#clock.clearTimeout(handle);
  }

  /** True while a timer under `name` is waiting. */
  has(name: Name): boolean {
    return this.#handles.has(name);
  }

  /** Stops every timer. */
  clearAll(): void {
    for (const handle of this.#handles.values()) this.#clock.clearTimeout(handle);
    this.#handles.clear();
  }

  /** Number of timers waiting. */
  get size(): number {
    return this.#handles.size;
  }
}
