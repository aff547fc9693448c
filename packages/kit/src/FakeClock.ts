import type { Clock, TimerHandle } from './clock';

interface Task {
  at: number;
  seq: number;
  fn: () => void;
}

/** A manual clock for tests: time moves, and timers run, only when `advance()` says so. */
export class FakeClock implements Clock {
  #time: number;
  #seq = 0;
  readonly #tasks = new Map<number, Task>();

  /** `start` is the first `now()`, in milliseconds since the epoch. */
  constructor(start = 0) {
    this.#time = start;
  }

  now(): number {
    return this.#time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const seq = ++this.#seq;
    this.#tasks.set(seq, { at: this.#time + Math.max(0, ms), seq, fn });
    return seq;
  }

  clearTimeout(handle: TimerHandle): void {
    if (typeof handle === 'number') this.#tasks.delete(handle);
  }

  /** Timers not yet run. */
  get pending(): number {
    return this.#tasks.size;
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due in time order (ties in the
   * order they were set), including timers those timers set within the window.
   */
  advance(ms: number): void {
    const end = this.#time + ms;
    for (;;) {
      let next: Task | undefined;
      for (const task of this.#tasks.values()) {
        if (task.at > end) continue;
        if (next === undefined || task.at < next.at || (task.at === next.at && task.seq < next.seq))
          next = task;
      }
      if (next === undefined) break;
      this.#tasks.delete(next.seq);
      this.#time = next.at;
      next.fn();
    }
    this.#time = end;
  }
}
