import { describe, expect, it } from 'vitest';
import { grown, pictureSummary } from './measure';

describe('grown', () => {
  it('sums growth by key: a stream closed meanwhile drops out, a new one counts from zero', () => {
    const before = [
      { key: 'a', bytes: 100 },
      { key: 'gone', bytes: 5_000 },
    ];
    const after = [
      { key: 'a', bytes: 250 },
      { key: 'new', bytes: 40 },
    ];
    expect(grown(before, after, (x) => x.bytes)).toBe(190);
  });

  it('never counts a counter that went back as negative', () => {
    expect(grown([{ key: 'a', n: 9 }], [{ key: 'a', n: 3 }], (x) => x.n)).toBe(0);
  });
});

describe('pictureSummary', () => {
  it('gives the smallest and median height and frame rate', () => {
    const p = (height: number, fps: number) => ({
      receiver: 0,
      origin: 1,
      hops: 1,
      width: (height * 16) / 9,
      height,
      fps,
    });
    expect(pictureSummary([p(180, 15), p(90, 5), p(120, 12)])).toEqual({
      minHeight: 90,
      medianHeight: 120,
      minFps: 5,
      medianFps: 12,
    });
    expect(pictureSummary([])).toEqual({ minHeight: 0, medianHeight: 0, minFps: 0, medianFps: 0 });
  });
});
