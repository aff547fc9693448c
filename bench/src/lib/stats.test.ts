import { describe, expect, it } from 'vitest';
import { linearFit, median, percentile, round, signed, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  it.each([
    [[5], 50, 5],
    [[1, 2, 3, 4], 50, 2],
    [[4, 3, 2, 1], 100, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[3, 1, 2], 0, 1],
  ])('%j p%d = %d', (samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it('is NaN for no samples and refuses p outside 0-100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it('gives count, percentiles, extremes and mean', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s).toEqual({ n: 100, p50: 50, p90: 90, p99: 99, min: 1, max: 100, mean: 50.5 });
  });

  it('is NaN throughout for no samples', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.min).toBeNaN();
  });
});

describe('linearFit', () => {
  it('recovers slope and intercept of exact points', () => {
    const fit = linearFit([
      { x: 1, y: 20 },
      { x: 2, y: 32 },
      { x: 3, y: 44 },
    ]);
    expect(fit?.slope).toBeCloseTo(12);
    expect(fit?.intercept).toBeCloseTo(8);
  });

  it('is null without spread in x', () => {
    expect(linearFit([{ x: 1, y: 1 }])).toBeNull();
    expect(
      linearFit([
        { x: 2, y: 1 },
        { x: 2, y: 3 },
      ]),
    ).toBeNull();
  });
});

it('round keeps the given decimals', () => {
  expect(round(1.23456, 2)).toBe(1.23);
  expect(round(2.5, 0)).toBe(3);
});

describe('signed', () => {
  it('always shows the sign of a difference', () => {
    expect([signed(12), signed(-1), signed(0)]).toEqual(['+12', '-1', '+0']);
  });
});
