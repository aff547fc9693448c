import { describe, expect, it } from 'vitest';
import { IncomingRates, RATE_SMOOTHING } from './IncomingRates';

describe('the rate the hub receives a stream at', () => {
  it('[P32] is 0 until a stream was sampled twice, then bytes over time, smoothed', () => {
    const rates = new IncomingRates<object>();
    const track = {};
    expect(rates.bps(track)).toBe(0);
    rates.sample(track, 10_000, 0);
    expect(rates.bps(track)).toBe(0);
    rates.sample(track, 35_000, 1_000);
    expect(rates.bps(track)).toBe(200_000);
    rates.sample(track, 47_500, 2_000);
    expect(rates.bps(track)).toBe(200_000 + RATE_SMOOTHING * (100_000 - 200_000));
    // A second sample at the same instant changes nothing.
    rates.sample(track, 60_000, 2_000);
    expect(rates.bps(track)).toBe(150_000);
  });

  it('[P32] keeps streams apart, and starts over when a count goes backwards', () => {
    const rates = new IncomingRates<object>();
    const a = {};
    const b = {};
    rates.sample(a, 0, 0);
    rates.sample(b, 0, 0);
    rates.sample(a, 12_500, 1_000);
    rates.sample(b, 1_250, 1_000);
    expect(rates.bps(a)).toBe(100_000);
    expect(rates.bps(b)).toBe(10_000);
    rates.sample(a, 100, 2_000);
    expect(rates.bps(a)).toBe(0);
    rates.sample(a, 12_600, 3_000);
    expect(rates.bps(a)).toBe(100_000);
  });
});
