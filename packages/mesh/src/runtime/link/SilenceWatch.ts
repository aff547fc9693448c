import type { NamedTimers } from './timers';

/**
 * How long a link's control channel may stay silent before the link counts as `disconnected`
 * ([M23]). Both ends ping every `PING_INTERVAL_MS`, so a live link is never silent this long;
 * ICE itself takes 5 s or more to notice a path that went dead.
 */
export const LINK_SILENCE_MS = 1_500;

/** Timer names a SilenceWatch uses. */
export type SilenceTimer = 'silence';

/**
 * Notices a control channel that went quiet ([M23]): `silent()` once nothing was heard for
 * `LINK_SILENCE_MS`, `heard()` at the first message after. It sees only calls and time.
 */
export class SilenceWatch {
  #quiet = false;
  #closed = false;

  readonly #timers: NamedTimers<SilenceTimer>;
  readonly #hooks: { silent(): void; heard(): void };
  readonly #silenceMs: number;

  constructor(
    timers: NamedTimers<SilenceTimer>,
    hooks: { silent(): void; heard(): void },
    silenceMs = LINK_SILENCE_MS,
  ) {
    this.#timers = timers;
    this.#hooks = hooks;
    this.#silenceMs = silenceMs;
  }

  /** Whether the channel is silent now. */
  get silent(): boolean {
    return this.#quiet;
  }

  /** Something arrived on the channel (or it just opened): the clock starts again. */
  heard(): void {
    if (this.#closed) return;
    this.#timers.set('silence', this.#silenceMs, () => {
      if (this.#closed) return;
      this.#quiet = true;
      this.#hooks.silent();
    });
    if (this.#quiet) {
      this.#quiet = false;
      this.#hooks.heard();
    }
  }

  /** Idempotent: no more calls; the link clears the timer. */
  close(): void {
    this.#closed = true;
  }
}
