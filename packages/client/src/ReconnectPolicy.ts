import { type BackoffBounds, backoffDelay, DEFAULT_RECONNECT_DELAY_MS } from './backoff';

/**
 * Failed reconnect attempts in a row before a session gives up: with the default backoff that is
 * about four and a half minutes of an unreachable signal app (calls already running keep going
 * peer to peer meanwhile).
 */
export const DEFAULT_MAX_RECONNECT_ATTEMPTS = 30;

/** Options of a ReconnectPolicy. */
export interface ReconnectPolicyOptions {
  /** Backoff bounds (default DEFAULT_RECONNECT_DELAY_MS). */
  delayMs?: BackoffBounds | undefined;
  /** Failed attempts in a row allowed; 0 never retries, `Infinity` never gives up. */
  maxAttempts?: number | undefined;
  /** Random source in [0, 1) for the jitter. */
  random?: (() => number) | undefined;
}

/** The next retry: its 1-based number and how long to wait before it. */
export interface Retry {
  attempt: number;
  delayMs: number;
}

/**
 * When to retry a lost or refused connection: exponential backoff with jitter (`backoff.ts`), and
 * a limit of failed attempts in a row after which the caller gives up. A successful join resets
 * the count. No timers here: the session sets the one timer.
 */
export class ReconnectPolicy {
  readonly #bounds: BackoffBounds;
  readonly #maxAttempts: number;
  readonly #random: (() => number) | undefined;
  #attempts = 0;

  constructor(options: ReconnectPolicyOptions = {}) {
    const bounds = options.delayMs ?? DEFAULT_RECONNECT_DELAY_MS;
    const max = options.maxAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS;
    if (!(max === Number.POSITIVE_INFINITY || (Number.isInteger(max) && max >= 0))) {
      throw new RangeError(`maxAttempts must be a non-negative integer or Infinity, got ${max}`);
    }
    if (!(bounds.min >= 0 && bounds.max >= bounds.min)) {
      throw new RangeError(`bad backoff bounds ${bounds.min}..${bounds.max}`);
    }
    this.#bounds = bounds;
    this.#maxAttempts = max;
    this.#random = options.random;
  }

  /** Retries scheduled since the last reset. */
  get attempts(): number {
    return this.#attempts;
  }

  /** Failed attempts in a row allowed before giving up. */
  get maxAttempts(): number {
    return this.#maxAttempts;
  }

  /** Counts a failure and returns the retry to make, or null once the limit is spent. */
  next(): Retry | null {
    if (this.#attempts >= this.#maxAttempts) return null;
    this.#attempts++;
    return {
      attempt: this.#attempts,
      delayMs: backoffDelay(this.#attempts, this.#bounds, this.#random),
    };
  }

  /** A join was accepted: the next failure starts from the first delay again. */
  reset(): void {
    this.#attempts = 0;
  }
}
