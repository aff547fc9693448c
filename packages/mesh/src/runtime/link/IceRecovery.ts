import type { Logger } from '@meshwork/kit';
import type { NamedTimers } from './timers';

/** Wait before ICE restart attempt n (its length bounds the attempts). */
export const ICE_RESTART_BACKOFF_MS: readonly number[] = [250, 1_000, 3_000];
/** How long one ICE restart may take to connect before the next attempt. */
export const ICE_RESTART_TIMEOUT_MS = 10_000;
/** How long a link may stay `disconnected` before it is treated as failed. */
export const DISCONNECTED_GRACE_MS = 3_000;
/** How long a new link may take to connect at all before ICE restarts begin. */
export const CONNECT_TIMEOUT_MS = 15_000;

/** Timer names an IceRecovery uses. */
export type IceTimer = 'connect' | 'disconnected' | 'restart' | 'restartDeadline';

/** What IceRecovery asks of its link. */
export interface IceRecoveryHooks {
  /** A restart is scheduled: the link is `restarting`. */
  restarting(): void;
  /** Run one restart attempt now (the offerer restarts ICE; the other end asks it to). */
  restart(): void;
  /** The connection is up (again) and the link has not failed. */
  connected(): void;
  /** The attempts ran out: the link is `failed`, for good. */
  failed(reason: string): void;
}

/**
 * ICE recovery of one link as a small state machine over named timers ([M6]): a connection that
 * fails, stays `disconnected` past `DISCONNECTED_GRACE_MS`, never connects within
 * `CONNECT_TIMEOUT_MS`, or does not come back within `ICE_RESTART_TIMEOUT_MS` of a restart
 * gets the next attempt after `ICE_RESTART_BACKOFF_MS[n]`; when they run out the link has
 * failed, which is final. It sees only connection states and time, never a peer connection.
 */
export class IceRecovery {
  #attempts = 0;
  #isConnected = false;
  #isFailed = false;
  #closed = false;

  readonly #timers: NamedTimers<IceTimer>;
  readonly #hooks: IceRecoveryHooks;
  readonly #logger: Logger;

  /** Starts the connect timeout at once. */
  constructor(timers: NamedTimers<IceTimer>, hooks: IceRecoveryHooks, logger: Logger) {
    this.#timers = timers;
    this.#hooks = hooks;
    this.#logger = logger;
    timers.set('connect', CONNECT_TIMEOUT_MS, () => this.#begin('connect timeout'));
  }

  /** Restart attempts made since the connection was last up. */
  get attempt(): number {
    return this.#attempts;
  }

  /** Whether the attempts ran out (final). */
  get failed(): boolean {
    return this.#isFailed;
  }

  /** Feeds the peer connection's `connectionState` after each change. */
  connectionChanged(state: RTCPeerConnectionState): void {
    if (this.#closed) return;
    this.#isConnected = state === 'connected';
    switch (state) {
      case 'connected':
        this.#clearTimers();
        this.#attempts = 0;
        if (!this.#isFailed) this.#hooks.connected();
        break;
      case 'disconnected':
        if (!this.#timers.has('disconnected')) {
          this.#timers.set('disconnected', DISCONNECTED_GRACE_MS, () => {
            if (!this.#isConnected) this.#begin('disconnected');
          });
        }
        break;
      case 'failed':
        this.#begin('failed');
        break;
      default:
        break;
    }
  }

  /** Idempotent: nothing happens after; the link clears the timers. */
  close(): void {
    this.#closed = true;
  }

  #begin(reason: string): void {
    if (this.#closed || this.#isFailed || this.#timers.has('restart')) return;
    this.#timers.clear('restartDeadline');
    const delay = ICE_RESTART_BACKOFF_MS[this.#attempts];
    if (delay === undefined) {
      this.#clearTimers();
      this.#isFailed = true;
      this.#hooks.failed(reason);
      return;
    }
    this.#attempts += 1;
    this.#logger.info('ICE restart scheduled', { reason, attempt: this.#attempts, delay });
    this.#hooks.restarting();
    this.#timers.set('restart', delay, () => {
      this.#hooks.restart();
      this.#timers.set('restartDeadline', ICE_RESTART_TIMEOUT_MS, () => {
        if (!this.#isConnected) this.#begin('restart timed out');
      });
    });
  }

  #clearTimers(): void {
    for (const name of ['restart', 'restartDeadline', 'disconnected', 'connect'] as const) {
      this.#timers.clear(name);
    }
  }
}
