import { describe, expect, it } from 'vitest';
import { BACKOFF_JITTER, backoffDelay } from './backoff';

const bounds = { min: 100, max: 2_000 };
const mid = () => 0.5; // no spread

describe('backoffDelay', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [4, 800],
    [5, 1_600],
    [6, 2_000],
    [50, 2_000],
    [10_000, 2_000],
  ])('attempt %i waits %i ms without jitter', (attempt, expected) => {
    expect(backoffDelay(attempt, bounds, mid)).toBe(expected);
  });

  it('spreads delays by at most the jitter and stays within the bounds', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const nominal = backoffDelay(attempt, bounds, mid);
      for (const r of [0, 0.25, 0.75, 0.999]) {
        const d = backoffDelay(attempt, bounds, () => r);
        expect(d).toBeGreaterThanOrEqual(bounds.min);
        expect(d).toBeLessThanOrEqual(bounds.max);
        expect(Math.abs(d - nominal)).toBeLessThanOrEqual(nominal * BACKOFF_JITTER + 1);
      }
    }
  });

  it('never decreases on average as attempts grow', () => {
    let last = 0;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const d = backoffDelay(attempt, bounds, mid);
      expect(d).toBeGreaterThanOrEqual(last);
      last = d;
    }
  });

  it('throws on misuse', () => {
    expect(() => backoffDelay(0, bounds)).toThrow(RangeError);
    expect(() => backoffDelay(1.5, bounds)).toThrow(RangeError);
    expect(() => backoffDelay(1, { min: 10, max: 5 })).toThrow(RangeError);
  });
});
