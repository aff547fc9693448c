/** A token bucket: `capacity` tokens, refilled at `perSecond`; each message takes one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Rate limits of one socket. */
export interface RateLimitOptions {
  /** Messages allowed in a burst. */
  burst: number;
  /** Sustained messages per second. */
  perSecond: number;
  /** Rejected messages tolerated in a burst before the socket counts as abusive. */
  abuseBurst: number;
  /** Rejected messages per second tolerated over time. */
  abusePerSecond: number;
}

/**
 * Generous enough for a joiner trickling candidates to 15 peers at once; a client that keeps
 * sending after being told to slow down is disconnected.
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  burst: 300,
  perSecond: 60,
  abuseBurst: 100,
  abusePerSecond: 10,
};

/** What to do with one message: handle it, refuse it, or refuse it and disconnect. */
export type RateDecision = 'ok' | 'limited' | 'abusive';

/** Per-socket limiter: one bucket for messages, one for the rejections that follow abuse. */
export class RateLimiter {
  private readonly messages: TokenBucket;
  private readonly rejections: TokenBucket;

  constructor(options: RateLimitOptions, now: number) {
    this.messages = new TokenBucket(options.burst, options.perSecond, now);
    this.rejections = new TokenBucket(options.abuseBurst, options.abusePerSecond, now);
  }

  /** Decides on one incoming message. */
  check(now: number): RateDecision {
    if (this.messages.take(now)) return 'ok';
    return this.rejections.take(now) ? 'limited' : 'abusive';
  }
}
