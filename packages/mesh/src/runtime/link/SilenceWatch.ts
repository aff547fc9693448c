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
  private quiet = false;
  private closed = false;

  constructor(
    private readonly timers: NamedTimers<SilenceTimer>,
    private readonly hooks: { silent(): void; heard(): void },
    private readonly silenceMs = LINK_SILENCE_MS,
  ) {}

  /** Whether the channel is silent now. */
  get silent(): boolean {
    return this.quiet;
  }

  /** Something arrived on the channel (or it just opened): the clock starts again. */
  heard(): void {
    if (this.closed) return;
    this.timers.set('silence', this.silenceMs, () => {
      if (this.closed) return;
      this.quiet = true;
      this.hooks.silent();
    });
    if (this.quiet) {
      this.quiet = false;
      this.hooks.heard();
    }
  }

  /** Idempotent: no more calls; the link clears the timer. */
  close(): void {
    this.closed = true;
  }
}
