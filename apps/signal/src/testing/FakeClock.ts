import type { Clock } from '../clock';

interface Task {
  at: number;
  seq: number;
  fn: () => void;
}

/** A manual clock for tests: timers run only when `advance` passes their time. */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly tasks = new Map<number, Task>();

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const seq = ++this.seq;
    this.tasks.set(seq, { at: this.time + ms, seq, fn });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.tasks.delete(handle);
  }

  /** Number of timers still waiting. */
  pending(): number {
    return this.tasks.size;
  }

  /** Moves time forward, running every timer that falls due, in time order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.tasks.values()]
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.tasks.delete(next.seq);
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}
