import { type Clock, systemClock, type TimerHandle } from '@meshwork/kit';

/** Default deadline of a wait. */
export const DEFAULT_WAIT_TIMEOUT_MS = 30_000;

/** Options of one wait. */
export interface WaitOptions {
  /** Deadline in ms (default DEFAULT_WAIT_TIMEOUT_MS). */
  timeoutMs?: number;
  /** What is awaited, for the timeout message. */
  what?: string;
}

interface Waiter {
  predicate: () => boolean;
  resolve(): void;
  reject(err: Error): void;
  timer: TimerHandle;
}

/**
 * Event-driven predicate waits: a predicate is checked when the wait starts and on every
 * `check()` (the owner calls it after each change it knows of), never on a polling timer, which
 * many bots in one process on two cores could not afford. The clock only bounds a wait.
 */
export class PredicateWaiters {
  readonly #label: string;
  readonly #clock: Clock;
  readonly #waiters = new Set<Waiter>();
  #closed = false;

  /** `label` prefixes every rejection (`Bot 2: timed out after ...`). */
  constructor(label: string, clock: Clock = systemClock) {
    this.#label = label;
    this.#clock = clock;
  }

  /** Waits still pending. */
  get size(): number {
    return this.#waiters.size;
  }

  /**
   * Resolves once `predicate` holds; rejects if it throws, after `timeoutMs`, or when the waiters
   * close. A predicate that already holds resolves even after close.
   */
  wait(predicate: () => boolean, options: WaitOptions = {}): Promise<void> {
    try {
      if (predicate()) return Promise.resolve();
    } catch (err) {
      return Promise.reject(asError(err));
    }
    if (this.#closed) return Promise.reject(new Error(`${this.#label} is closed`));
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    const what = options.what ?? 'a condition';
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: this.#clock.setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(new Error(`${this.#label}: timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  /** Checks every pending predicate again, settling those that hold or throw. */
  check(): void {
    for (const waiter of [...this.#waiters]) {
      let done: boolean;
      try {
        done = waiter.predicate();
      } catch (err) {
        this.#settle(waiter);
        waiter.reject(asError(err));
        continue;
      }
      if (done) {
        this.#settle(waiter);
        waiter.resolve();
      }
    }
  }

  /** Rejects every pending wait and every later one that does not already hold. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiter of [...this.#waiters]) {
      this.#settle(waiter);
      waiter.reject(new Error(`${this.#label} closed while waiting`));
    }
  }

  #settle(waiter: Waiter): void {
    this.#clock.clearTimeout(waiter.timer);
    this.#waiters.delete(waiter);
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
