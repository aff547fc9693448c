import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './rateLimit';

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate, never above capacity', () => {
    const bucket = new TokenBucket(3, 2, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    const full = new TokenBucket(2, 1000, 0);
    expect([full.take(60_000), full.take(60_000), full.take(60_000)]).toEqual([true, true, false]);
  });

  it('ignores a clock that steps backwards', () => {
    const bucket = new TokenBucket(1, 1, 1000);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(0)).toBe(false);
  });
});

describe('RateLimiter', () => {
  const options = { burst: 2, perSecond: 1, abuseBurst: 2, abusePerSecond: 1 };

  it('says ok, then limited, then abusive under a sustained flood', () => {
    const limiter = new RateLimiter(options, 0);
    const decisions = Array.from({ length: 6 }, () => limiter.check(0));
    expect(decisions).toEqual(['ok', 'ok', 'limited', 'limited', 'abusive', 'abusive']);
  });

  it('forgives a client that slows down', () => {
    const limiter = new RateLimiter(options, 0);
    for (let i = 0; i < 4; i++) limiter.check(0);
    expect(limiter.check(2_000)).toBe('ok');
    expect(limiter.check(2_000)).toBe('ok');
    expect(limiter.check(2_000)).toBe('limited');
  });
});
