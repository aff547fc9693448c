import type { Clock, TimerHandle } from '@meshwork/kit';

/**
 * Shortest time between two keyframe requests the hub sends one origin's stream. Every receiver
 * of a stream may ask (a new link, a lost packet it could not recover); one keyframe answers all
 * of them, and an encoder asked too often spends its bitrate on keyframes.
 */
export const KEYFRAME_REQUEST_INTERVAL_MS = 500;

/**
 * Folds the keyframe requests of many receivers into at most one upstream request per
 * `intervalMs` per source. A request inside the window is not lost: it becomes one trailing
 * request at the window's end, so the last receiver to ask still gets its keyframe.
 */
export class KeyframeThrottle<Source> {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #send: (source: Source) => void;
  readonly #last = new Map<Source, number>();
  readonly #trailing = new Map<Source, TimerHandle>();
  #closed = false;

  constructor(options: { clock: Clock; send: (source: Source) => void; intervalMs?: number }) {
    this.#clock = options.clock;
    this.#send = options.send;
    this.#intervalMs = options.intervalMs ?? KEYFRAME_REQUEST_INTERVAL_MS;
  }

  /** A receiver asked for a keyframe of `source`. */
  request(source: Source): void {
    if (this.#closed || this.#trailing.has(source)) return;
    const now = this.#clock.now();
    const last = this.#last.get(source);
    if (last === undefined || now - last >= this.#intervalMs) {
      this.#fire(source, now);
      return;
    }
    const handle = this.#clock.setTimeout(
      () => {
        this.#trailing.delete(source);
        if (!this.#closed) this.#fire(source, this.#clock.now());
      },
      last + this.#intervalMs - now,
    );
    this.#trailing.set(source, handle);
  }

  /** Forgets a source that went away (and its trailing request). */
  forget(source: Source): void {
    this.#last.delete(source);
    const handle = this.#trailing.get(source);
    if (handle !== undefined) this.#clock.clearTimeout(handle);
    this.#trailing.delete(source);
  }

  /** Idempotent: drops every trailing request. */
  close(): void {
    this.#closed = true;
    for (const source of [...this.#trailing.keys()]) this.forget(source);
  }

  #fire(source: Source, now: number): void {
    this.#last.set(source, now);
    this.#send(source);
  }
}
