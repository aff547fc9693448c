import type { Clock, Logger } from '@meshwork/kit';
import { mediaCountsByMid } from '../stats';
import type { NamedTimers } from './timers';

/**
 * First interval of stats polls while some incoming track has not decoded media yet. Polling
 * bounds how long a decoded first frame goes unnoticed; it runs only while a track is waiting.
 */
export const DECODE_POLL_INTERVAL_MS = 25;
/**
 * For this long after a track is named the link polls every `DECODE_POLL_INTERVAL_MS`: a healthy
 * link decodes its first frame well inside it (about 50 to 150 ms measured here), so it is seen
 * as soon as before. Past it the interval doubles, so a track that never decodes costs a few
 * dozen stats reads before its deadline instead of one every 25 ms.
 */
export const DECODE_POLL_FAST_MS = 500;
/** The longest interval between polls once they back off. */
export const DECODE_POLL_MAX_INTERVAL_MS = 250;
/**
 * How long a named incoming track on a connected link may go without decoded media before it
 * counts as arrived anyway, so a route that never decodes cannot hold a switch forever.
 */
export const FIRST_FRAME_DEADLINE_MS = 3_000;

/** Timer names a FirstFrameWatch uses. */
export type FirstFrameTimer = 'decodePoll' | 'firstFrameDeadline';

/** Reads how much media each receiving mid has decoded so far (see `mediaCountsByMid`). */
export type ReadMediaCounts = () => Promise<ReadonlyMap<string, number>>;

/**
 * Wait before the next poll, `elapsedMs` after the youngest wait began, `previousMs` being the
 * interval before (null for none): fast at first, then doubling up to the cap.
 */
export function nextDecodePollMs(elapsedMs: number, previousMs: number | null): number {
  if (elapsedMs < DECODE_POLL_FAST_MS || previousMs === null) return DECODE_POLL_INTERVAL_MS;
  return Math.min(DECODE_POLL_MAX_INTERVAL_MS, Math.max(DECODE_POLL_INTERVAL_MS, previousMs * 2));
}

/** Media counts of a peer connection's receivers, by mid, from one `getStats()`. */
export async function readMediaCounts(pc: RTCPeerConnection): Promise<Map<string, number>> {
  const report = await pc.getStats();
  return mediaCountsByMid(
    report as unknown as Parameters<typeof mediaCountsByMid>[0],
    (trackId) => pc.getTransceivers().find((t) => t.receiver.track.id === trackId)?.mid ?? null,
  );
}

/** What a FirstFrameWatch needs from its link. */
export interface FirstFrameWatchOptions {
  clock: Clock;
  timers: NamedTimers<FirstFrameTimer>;
  logger: Logger;
  readCounts: ReadMediaCounts;
  /** Whether the link is connected (and open): polls and deadlines run only then. */
  active(): boolean;
  /** These tracks decoded media, or passed their deadline without any. */
  decoded(keys: readonly string[]): void;
}

/** An incoming track waiting for its first decoded media. */
interface Wait {
  mid: string;
  /** The mid's media count before this identity; null until the first poll reads it. */
  baseline: number | null;
  /** When the wait began on a connected link (the deadline runs from here). */
  since: number | null;
}

/**
 * Notices the first decoded media of each named incoming track: one stats read per link for all
 * waiting tracks at a time, fast while a wait is young and backing off after, and a deadline
 * after which a silent track counts as arrived anyway ([M10]).
 */
export class FirstFrameWatch {
  readonly #waits = new Map<string, Wait>();
  #polling = false;
  /** A wait was added since the last poll began. */
  #fresh = false;
  #lastIntervalMs: number | null = null;
  #closed = false;

  readonly #options: FirstFrameWatchOptions;

  constructor(options: FirstFrameWatchOptions) {
    this.#options = options;
  }

  /**
   * Starts waiting on `key`, carried on `mid`. On a mid no identity used before every decoded
   * frame counts; on a reused one only frames past its count at the first poll do.
   */
  watch(key: string, mid: string, freshMid: boolean): void {
    this.#waits.set(key, { mid, baseline: freshMid ? 0 : null, since: null });
    this.#fresh = true;
  }

  /** Stops waiting on every key not in `keys` (tracks no longer named). */
  retain(keys: ReadonlySet<string>): void {
    for (const key of [...this.#waits.keys()]) if (!keys.has(key)) this.#waits.delete(key);
  }

  /** Runs the polls and the deadline while the link is active and something waits. */
  resume(): void {
    if (this.#closed || !this.#options.active()) return;
    if (this.#waits.size === 0) {
      this.#stop();
      return;
    }
    const now = this.#options.clock.now();
    for (const wait of this.#waits.values()) wait.since ??= now;
    if (!this.#options.timers.has('firstFrameDeadline')) {
      const earliest = Math.min(...[...this.#waits.values()].map((w) => w.since ?? now));
      this.#options.timers.set(
        'firstFrameDeadline',
        Math.max(0, earliest + FIRST_FRAME_DEADLINE_MS - now),
        () => this.#onDeadline(),
      );
    }
    if (this.#polling) return;
    // A new wait must not sit behind a backed-off tick: it may be a healthy first frame.
    if (this.#fresh && (this.#lastIntervalMs ?? 0) > DECODE_POLL_INTERVAL_MS) {
      this.#options.timers.clear('decodePoll');
    }
    if (!this.#options.timers.has('decodePoll')) void this.#poll();
  }

  /** Idempotent: stops polling; the link clears the timers. */
  close(): void {
    this.#closed = true;
    this.#waits.clear();
  }

  async #poll(): Promise<void> {
    this.#polling = true;
    this.#fresh = false;
    let counts: ReadonlyMap<string, number> | null = null;
    try {
      counts = await this.#options.readCounts();
    } catch (err) {
      this.#options.logger.debug('stats poll failed', { error: String(err) });
    } finally {
      this.#polling = false;
    }
    if (this.#closed) return;
    if (counts !== null) {
      const decoded: string[] = [];
      for (const [key, wait] of this.#waits) {
        const count = counts.get(wait.mid) ?? 0;
        if (wait.baseline === null) wait.baseline = count;
        else if (count > wait.baseline) decoded.push(key);
      }
      this.#markDecoded(decoded, 'decoded');
    }
    if (this.#waits.size === 0 || !this.#options.active()) {
      this.#stop();
      return;
    }
    this.#lastIntervalMs = nextDecodePollMs(this.#youngestElapsedMs(), this.#lastIntervalMs);
    this.#options.timers.set('decodePoll', this.#lastIntervalMs, () => {
      if (!this.#closed && !this.#polling) void this.#poll();
    });
  }

  #youngestElapsedMs(): number {
    const now = this.#options.clock.now();
    let youngest = Number.NEGATIVE_INFINITY;
    for (const wait of this.#waits.values()) youngest = Math.max(youngest, wait.since ?? now);
    return now - youngest;
  }

  #onDeadline(): void {
    if (this.#closed) return;
    const now = this.#options.clock.now();
    const overdue = [...this.#waits]
      .filter(([, wait]) => wait.since !== null && now - wait.since >= FIRST_FRAME_DEADLINE_MS)
      .map(([key]) => key);
    if (overdue.length > 0) {
      this.#options.logger.warn('no media decoded within the deadline; counting it arrived', {
        tracks: overdue,
      });
    }
    this.#markDecoded(overdue, 'deadline');
    this.resume();
  }

  #markDecoded(keys: readonly string[], why: 'decoded' | 'deadline'): void {
    if (keys.length === 0) return;
    const now = this.#options.clock.now();
    const waitedMs = keys.map((key) => now - (this.#waits.get(key)?.since ?? now));
    for (const key of keys) this.#waits.delete(key);
    this.#options.logger.debug('incoming tracks decoding', { tracks: keys, why, waitedMs });
    this.#options.decoded(keys);
  }

  #stop(): void {
    this.#options.timers.clear('decodePoll');
    this.#options.timers.clear('firstFrameDeadline');
    this.#lastIntervalMs = null;
  }
}
