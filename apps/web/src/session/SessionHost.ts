import { LinkStatsRelay } from './LinkStatsRelay';
import type { AppSession, SessionControl } from './types';

/** What a session host is made from. */
export interface SessionHostOptions {
  /** Makes a fresh client session; a session joins once, so every join gets a new one. */
  createSession: () => AppSession | Promise<AppSession>;
  /** Connects a new session to the app (the bridge); returns the function that disconnects it. */
  attach: (session: AppSession) => () => void;
}

/**
 * Owns the session's life: makes a fresh one on each join, wires it to the app and to the link
 * stats relay, and closes it on leave or before the next join.
 */
export class SessionHost implements SessionControl {
  readonly stats = new LinkStatsRelay();
  readonly #createSession: SessionHostOptions['createSession'];
  readonly #attach: SessionHostOptions['attach'];
  #session: AppSession | null = null;
  #detach: (() => void) | null = null;

  constructor(options: SessionHostOptions) {
    this.#createSession = options.createSession;
    this.#attach = options.attach;
  }

  /** The session of the current join, until it is left. */
  get current(): AppSession | null {
    return this.#session;
  }

  /** Closes the previous session, then makes and wires a fresh one. */
  async open(): Promise<AppSession> {
    this.#release()?.close();
    const next = await this.#createSession();
    this.#session = next;
    this.#detach = this.#attach(next);
    this.stats.follow(next);
    return next;
  }

  /** Leaves the room; the session's last events (its `left` status) still reach the app. */
  async leave(): Promise<void> {
    const session = this.#session;
    try {
      await session?.leave();
    } finally {
      // A join that started meanwhile owns a newer session; leave that one alone.
      if (session && this.#session === session) this.#release()?.close();
    }
  }

  /** Stops listening at once and leaves without waiting: the page is going away. */
  shutdown(): void {
    void this.#release()?.leave();
  }

  /** Disconnects the current session from the app and forgets it; returns it for closing. */
  #release(): AppSession | null {
    const session = this.#session;
    this.#detach?.();
    this.#detach = null;
    this.#session = null;
    this.stats.follow(null);
    return session;
  }
}
