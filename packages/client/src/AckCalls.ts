import type { Clock } from '@meshwork/kit';
import { SessionError } from './errors';

/** How an ack call ended: with the answer, or with the error that came first. */
export type AckOutcome<T> = { ok: true; value: T } | { ok: false; error: SessionError };

/** Emits one request, handing `ack` to Socket.IO as its acknowledgement callback. */
export type AckSend<T> = (ack: (res: T) => void) => void;

/**
 * Requests that wait for an ack under a deadline. Each ends exactly once: with its answer, with
 * `ERR_TIMEOUT` when the deadline passes, or with the error given to `failAll()` (the connection
 * dropped, or the session closed) because a dropped socket never answers.
 */
export class AckCalls {
  readonly #clock: Clock;
  readonly #pending = new Set<(error: SessionError) => void>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /**
   * Emits with an ack and calls `done` once. An answer is handed over synchronously from the ack,
   * so server events that follow it on the wire are handled after it.
   */
  send<T>(timeoutMs: number, emit: AckSend<T>, done: (outcome: AckOutcome<T>) => void): void {
    let settled = false;
    const settle = (outcome: AckOutcome<T>): void => {
      if (settled) return;
      settled = true;
      this.#clock.clearTimeout(timer);
      this.#pending.delete(fail);
      done(outcome);
    };
    const fail = (error: SessionError): void => settle({ ok: false, error });
    const timer = this.#clock.setTimeout(() => fail(new SessionError('ERR_TIMEOUT')), timeoutMs);
    this.#pending.add(fail);
    emit((value) => settle({ ok: true, value }));
  }

  /** `send()` as a promise: resolves with the answer, rejects with a SessionError. */
  call<T>(timeoutMs: number, emit: AckSend<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.send<T>(timeoutMs, emit, (outcome) =>
        outcome.ok ? resolve(outcome.value) : reject(outcome.error),
      );
    });
  }

  /** Ends every pending call with `error`. */
  failAll(error: SessionError): void {
    for (const fail of [...this.#pending]) fail(error);
  }

  /** Calls still waiting. */
  get size(): number {
    return this.#pending.size;
  }
}
