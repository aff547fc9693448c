import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT_DELAY_MS } from './backoff';
import { DEFAULT_MAX_RECONNECT_ATTEMPTS, ReconnectPolicy } from './ReconnectPolicy';

const mid = () => 0.5; // no jitter

describe('ReconnectPolicy', () => {
  it('numbers the retries and backs off exponentially up to the cap', () => {
    const policy = new ReconnectPolicy({ delayMs: { min: 100, max: 500 }, random: mid });
    const retries = Array.from({ length: 5 }, () => policy.next());
    expect(retries).toEqual([
      { attempt: 1, delayMs: 100 },
      { attempt: 2, delayMs: 200 },
      { attempt: 3, delayMs: 400 },
      { attempt: 4, delayMs: 500 },
      { attempt: 5, delayMs: 500 },
    ]);
  });

  it('returns null once maxAttempts failures in a row are spent, and stays there', () => {
    const policy = new ReconnectPolicy({ maxAttempts: 2, random: mid });
    expect(policy.next()?.attempt).toBe(1);
    expect(policy.next()?.attempt).toBe(2);
    expect(policy.next()).toBeNull();
    expect(policy.next()).toBeNull();
    expect(policy.attempts).toBe(2);
  });

  it('reset() starts again from the first delay', () => {
    const policy = new ReconnectPolicy({ maxAttempts: 1, random: mid });
    policy.next();
    policy.reset();
    expect(policy.next()).toEqual({ attempt: 1, delayMs: DEFAULT_RECONNECT_DELAY_MS.min });
  });

  it('defaults to DEFAULT_MAX_RECONNECT_ATTEMPTS; 0 never retries; Infinity never gives up', () => {
    expect(new ReconnectPolicy().maxAttempts).toBe(DEFAULT_MAX_RECONNECT_ATTEMPTS);
    expect(new ReconnectPolicy({ maxAttempts: 0 }).next()).toBeNull();
    const forever = new ReconnectPolicy({ maxAttempts: Number.POSITIVE_INFINITY, random: mid });
    for (let i = 0; i < 1_000; i++) expect(forever.next()).not.toBeNull();
  });

  it('throws on misuse at construction', () => {
    expect(() => new ReconnectPolicy({ maxAttempts: -1 })).toThrow(RangeError);
    expect(() => new ReconnectPolicy({ maxAttempts: 1.5 })).toThrow(RangeError);
    expect(() => new ReconnectPolicy({ delayMs: { min: 10, max: 5 } })).toThrow(RangeError);
  });
});
