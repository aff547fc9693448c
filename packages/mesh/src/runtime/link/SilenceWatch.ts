import type { NamedTimers } from './timers';

/**
 * How long a link's control channel may stay silent before the link counts as `disconnected`
 * ([M23]). Both ends ping every `PING_INTERVAL_MS`, so a live link is never silent this long;
 * ICE itself takes 5 s or more to notice a path that went dead.
 */
export const LINK_SILENCE_MS = 1_500;

/**
 * Where the channel went silent but the stack says when media last arrived, how long after the
 * first look it looks again: media arriving in between means the peer's stack and the path are
 * alive and only its page is busy ([M23]).
 */
export const MEDIA_CHECK_MS = 500;

/** Timer names a SilenceWatch uses. */
export type SilenceTimer = 'silence';

/** What a SilenceWatch calls. */
export interface SilenceHooks {
  /** Nothing was heard for the silence window, and no media arrived either. */
  silent(): void;
  /** The first message after `silent()`. */
  heard(): void;
  /**
   * A mark of when media last arrived on the link, which moves while it arrives; null where
   * nothing arrived or the stack does not say (the channel's silence alone decides then).
   */
  mediaMark?(): number | null;
}

/**
 * Notices a control channel that went quiet ([M23]): `silent()` once nothing was heard for
 * `LINK_SILENCE_MS` and, where the stack says when media arrives, none arrived in the
 * `MEDIA_CHECK_MS` after either; `heard()` at the first message after. A peer whose page is too
 * busy to answer pings still sends media from its WebRTC threads: its link is not dead. It sees
 * only calls and time.
 */
export class SilenceWatch {
  #quiet = false;
  #closed = false;
  /** The media mark at the last look since the channel was last heard. */
  #lastMark: number | null = null;

  readonly #timers: NamedTimers<SilenceTimer>;
  readonly #hooks: SilenceHooks;
  readonly #silenceMs: number;

  constructor(timers: NamedTimers<SilenceTimer>, hooks: SilenceHooks, silenceMs = LINK_SILENCE_MS) {
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
    this.#lastMark = null;
    this.#arm(this.#silenceMs);
    if (this.#quiet) {
      this.#quiet = false;
      this.#hooks.heard();
    }
  }

  /** Idempotent: no more calls; the link clears the timer. */
  close(): void {
    this.#closed = true;
  }

  #arm(ms: number): void {
    this.#timers.set('silence', ms, () => this.#check());
  }

  #check(): void {
    if (this.#closed) return;
    const mark = this.#readMark();
    const before = this.#lastMark;
    this.#lastMark = mark;
    if (mark === null) this.#goSilent();
    // The first look: look again shortly, to see whether media still arrives.
    else if (before === null) this.#arm(MEDIA_CHECK_MS);
    else if (mark > before) this.#arm(this.#silenceMs);
    else this.#goSilent();
  }

  /** The hook's mark; null where there is none or it throws (a closed connection). */
  #readMark(): number | null {
    try {
      return this.#hooks.mediaMark?.() ?? null;
    } catch {
      return null;
    }
  }

  #goSilent(): void {
    if (this.#quiet) return;
    this.#quiet = true;
    this.#hooks.silent();
  }
}
