import type { Logger } from '@meshwork/kit';
import type { ErrorCode } from '@meshwork/protocol';
import { MediaHub, type MediaHubOptions, type MediaHubStats } from './MediaHub';

/** Most signal apps one hub process serves at once. */
export const MAX_SIGNAL_APPS = 64;

/** What every signal app's hub shares: all of MediaHubOptions but the signal app's URL. */
export type SharedHubOptions = Omit<MediaHubOptions, 'url'>;

/**
 * The signal apps this hub process serves, one MediaHub (control socket and rooms) each: those
 * configured at start (`SIGNAL_URLS`) and those that invited it since (`HUB_URLS` on their side,
 * SPEC [P24]). Serving a URL twice is serving it once.
 */
export class SignalApps {
  readonly #hubs = new Map<string, MediaHub>();
  readonly #options: SharedHubOptions;
  readonly #logger: Logger | undefined;
  #closed = false;

  constructor(options: SharedHubOptions) {
    this.#options = options;
    this.#logger = options.logger;
  }

  /** Starts serving the signal app at `url` (a no-op if already served). */
  serve(url: string): { ok: true } | { ok: false; error: ErrorCode } {
    const key = normalise(url);
    if (this.#hubs.has(key)) return { ok: true };
    if (this.#closed) return { ok: false, error: 'ERR_HUB_FULL' };
    if (this.#hubs.size >= MAX_SIGNAL_APPS) {
      this.#logger?.warn('refused a signal app: serving as many as allowed', { url: key });
      return { ok: false, error: 'ERR_HUB_FULL' };
    }
    const hub = new MediaHub({ ...this.#options, url: key });
    this.#hubs.set(key, hub);
    hub.start();
    this.#logger?.info('serving a signal app', { url: key });
    return { ok: true };
  }

  /** The URLs served now. */
  get urls(): string[] {
    return [...this.#hubs.keys()];
  }

  /** The hub serving `url`, if any. */
  hub(url: string): MediaHub | undefined {
    return this.#hubs.get(normalise(url));
  }

  /** Counters of every signal app's hub. */
  stats(options: { links?: boolean } = {}): MediaHubStats[] {
    return [...this.#hubs.values()].map((h) => h.stats(options));
  }

  /** Leaves every room of every signal app. Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#hubs.values()].map((h) => h.close()));
  }
}

/** One spelling per signal app: no trailing slash. */
function normalise(url: string): string {
  return url.replace(/\/+$/, '');
}
