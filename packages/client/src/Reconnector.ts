import { type Clock, Timers } from '@meshwork/kit';
import type { ErrorCode } from '@meshwork/protocol';
import type { ReconnectPolicy } from './ReconnectPolicy';
import type { SessionStatusChange } from './types';

/** Codes a session reconnects or fails with. */
export type SessionFailCode = ErrorCode | 'ERR_UNREACHABLE';

/** A `failed` status change, with the code it failed with. */
export type FailedChange = SessionStatusChange & { status: 'failed'; error: SessionFailCode };

/** A `reconnecting` status change. */
export type ReconnectingChange = SessionStatusChange & { status: 'reconnecting' };

/**
 * Runs a ReconnectPolicy on one timer: at most one retry waits at a time, and each failure
 * becomes the status change to announce, `reconnecting` (with the attempt and its delay) or,
 * once the limit is spent, `failed`.
 */
export class Reconnector {
  readonly #policy: ReconnectPolicy;
  readonly #timers: Timers<'retry'>;
  /** The waiting retry, so a person can run it before its delay ends. */
  #retry: (() => void) | null = null;

  constructor(policy: ReconnectPolicy, clock: Clock) {
    this.#policy = policy;
    this.#timers = new Timers(clock);
  }

  /**
   * A connection failed (`error` when the server or transport said why): schedules `retry`, and
   * returns what to announce; null when a retry is already waiting.
   */
  failed(
    error: SessionFailCode | undefined,
    reason: string,
    retry: () => void,
  ): ReconnectingChange | FailedChange | null {
    if (this.#timers.has('retry')) return null;
    const next = this.#policy.next();
    if (!next) {
      const attempts = this.#policy.attempts;
      const message = `Gave up reconnecting after ${attempts} attempts (${reason}).`;
      return { status: 'failed', error: error ?? 'ERR_UNREACHABLE', message, attempt: attempts };
    }
    this.#retry = retry;
    this.#timers.set('retry', next.delayMs, () => {
      this.#retry = null;
      retry();
    });
    const change: ReconnectingChange = {
      status: 'reconnecting',
      retryInMs: next.delayMs,
      attempt: next.attempt,
      reason,
    };
    if (error !== undefined) change.error = error;
    return change;
  }

  /** A join was accepted: the count starts again. */
  joined(): void {
    this.#policy.reset();
  }

  /**
   * Runs the waiting retry now instead of after its delay ("Retry now"); the attempt keeps its
   * number, so the backoff goes on from there if it fails too. False when no retry waits.
   */
  retryNow(): boolean {
    const retry = this.#retry;
    if (retry === null || !this.#timers.has('retry')) return false;
    this.#timers.clear('retry');
    this.#retry = null;
    retry();
    return true;
  }

  /** Stops a waiting retry. */
  cancel(): void {
    this.#timers.clearAll();
    this.#retry = null;
  }
}
