import { describe, expect, it } from 'vitest';
import { lastMediaArrival } from './mediaArrival';

const receiver = (...timestamps: number[]) => ({
  getSynchronizationSources: () => timestamps.map((timestamp) => ({ timestamp })),
});

describe('lastMediaArrival ([M23])', () => {
  it('is the latest arrival over every receiver and source', () => {
    expect(lastMediaArrival([receiver(100, 250), receiver(), receiver(180)])).toBe(250);
  });

  it('is null before anything arrived, or where the stack has no such method (wrtc, fakes)', () => {
    expect(lastMediaArrival([receiver(), receiver()])).toBeNull();
    expect(lastMediaArrival([{}, {}])).toBeNull();
    expect(lastMediaArrival([])).toBeNull();
  });

  it('ignores a stamp that is not a number', () => {
    expect(lastMediaArrival([receiver(Number.NaN, 40)])).toBe(40);
  });
});
