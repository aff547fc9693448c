import type { StreamRoute } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { COUNTER_MODULO, type FrameCode, stampAge } from '../media/frameCode';

/** Decoded counter values kept per origin (newest last). */
export const RECENT_COUNTERS = 32;

/** What a bot has received from one origin's stream (`cam` unless another key). */
export interface OriginStats {
  origin: PeerId;
  key: string;
  /** Frames with a new (higher) counter: what a viewer would see advance. */
  framesDecoded: number;
  /** Decoded frames whose code did not check out (blurred keyframe start, scaling). */
  framesUnreadable: number;
  /** Counter values skipped between consecutive new frames. */
  framesMissed: number;
  firstFrameAt: number | null;
  lastFrameAt: number | null;
  /** Longest time between two new frames since the stats were created or `resetGaps()`. */
  longestGapMs: number;
  lastCounter: number | null;
  /** The most recent decoded counter values, newest last. */
  recentCounters: number[];
  /** Bot index read from the frames (should be the origin bot's index). */
  index: number | null;
  /** Frames whose bot index differed from the first one seen: a routing mix-up. */
  foreignFrames: number;
  /** Send-to-decode time of the latest frame (all hops, same host clock). */
  latencyMs: number | null;
  /** Mean send-to-decode time over every new frame. */
  meanLatencyMs: number | null;
  /** How the stream arrives now, per the mesh (path and hops). */
  route: StreamRoute | null;
  /** Every route the stream has taken, oldest first. */
  routeHistory: StreamRoute[];
  /** False once the stream was removed (origin left or stopped it). */
  active: boolean;
  /**
   * For every track the stream moved to after its first: ms from the move until that track's
   * first readable frame (how long a tile would show nothing new from the new track).
   */
  trackSwitchMs: number[];
}

/**
 * The accounting of one origin's stream: frames, gaps, latency and routes, from decoded frame
 * codes and the times it is given. No I/O and no clock of its own, so it is tested frame by frame.
 * `stats` is one live object that callers may hold on to.
 */
export class OriginMeter {
  readonly stats: OriginStats;
  #latencySum = 0;
  #latencyCount = 0;

  constructor(origin: PeerId, key: string) {
    this.stats = {
      origin,
      key,
      framesDecoded: 0,
      framesUnreadable: 0,
      framesMissed: 0,
      firstFrameAt: null,
      lastFrameAt: null,
      longestGapMs: 0,
      lastCounter: null,
      recentCounters: [],
      index: null,
      foreignFrames: 0,
      latencyMs: null,
      meanLatencyMs: null,
      route: null,
      routeHistory: [],
      active: true,
      trackSwitchMs: [],
    };
  }

  /**
   * Accounts one decoded frame (`null`: its code did not check out) read at `now`. Returns true
   * only for a new frame, one a viewer would see advance.
   */
  frame(code: FrameCode | null, now: number): boolean {
    const s = this.stats;
    if (!code) {
      s.framesUnreadable++;
      return false;
    }
    if (s.index === null) s.index = code.index;
    else if (code.index !== s.index) {
      s.foreignFrames++;
      return false;
    }
    // Several readers may see the same frame while a stream moves routes: count each counter once.
    if (s.lastCounter !== null) {
      const ahead = (code.counter - s.lastCounter + COUNTER_MODULO) % COUNTER_MODULO;
      if (ahead === 0 || ahead > COUNTER_MODULO / 2) return false;
      s.framesMissed += ahead - 1;
    }
    if (s.lastFrameAt !== null) s.longestGapMs = Math.max(s.longestGapMs, now - s.lastFrameAt);
    s.firstFrameAt ??= now;
    s.lastFrameAt = now;
    s.lastCounter = code.counter;
    s.framesDecoded++;
    s.recentCounters.push(code.counter);
    if (s.recentCounters.length > RECENT_COUNTERS) s.recentCounters.shift();
    const latency = stampAge(code.stamp, now);
    s.latencyMs = latency;
    this.#latencySum += latency;
    this.#latencyCount++;
    s.meanLatencyMs = this.#latencySum / this.#latencyCount;
    return true;
  }

  /** Records that the stream (re)appeared over `route`; a new path joins the history. */
  routed(route: StreamRoute): void {
    const s = this.stats;
    s.active = true;
    s.route = route;
    const last = s.routeHistory.at(-1);
    if (!last || last.path.join('>') !== route.path.join('>')) s.routeHistory.push(route);
  }

  /** Records that a track the stream moved to showed its first readable frame `ms` after the move. */
  trackSwitched(ms: number): void {
    this.stats.trackSwitchMs.push(ms);
  }

  /** Marks the stream gone (removed, or the bot closed). */
  ended(): void {
    this.stats.active = false;
  }

  /** Starts a new measuring window for `longestGapMs`. */
  resetGap(): void {
    this.stats.longestGapMs = 0;
  }

  /** Longest gap between new frames at `now`, counting a gap still open; infinite before any. */
  gapAt(now: number): number {
    const s = this.stats;
    if (s.lastFrameAt === null) return Number.POSITIVE_INFINITY;
    return Math.max(s.longestGapMs, now - s.lastFrameAt);
  }
}
