import { describe, expect, it } from 'vitest';
import { COUNTER_MODULO, type FrameCode } from '../media/frameCode';
import { OriginMeter, RECENT_COUNTERS } from './OriginMeter';

/** A frame of bot 3 sent at `sentAt` (ms, same clock as the receiver). */
const code = (counter: number, sentAt = 0, index = 3): FrameCode => ({
  counter,
  index,
  stamp: sentAt % 2 ** 16,
});

describe('OriginMeter', () => {
  it('counts each counter once and the counters skipped between new frames', () => {
    const m = new OriginMeter('a', 'cam');
    expect(m.frame(code(10), 100)).toBe(true);
    expect(m.frame(code(10), 110)).toBe(false); // the same frame through a second reader
    expect(m.frame(code(9), 120)).toBe(false); // an older frame from the old route
    expect(m.frame(code(13), 130)).toBe(true);
    expect(m.stats).toMatchObject({
      framesDecoded: 2,
      framesMissed: 2,
      lastCounter: 13,
      firstFrameAt: 100,
      lastFrameAt: 130,
      recentCounters: [10, 13],
    });
  });

  it('counts across the counter wrap', () => {
    const m = new OriginMeter('a', 'cam');
    m.frame(code(COUNTER_MODULO - 1), 0);
    expect(m.frame(code(1), 10)).toBe(true);
    expect(m.stats.framesMissed).toBe(1);
  });

  it('keeps unreadable and foreign frames out of the count', () => {
    const m = new OriginMeter('a', 'cam');
    expect(m.frame(null, 0)).toBe(false);
    m.frame(code(1), 10);
    expect(m.frame(code(2, 0, 4), 20)).toBe(false);
    expect(m.stats).toMatchObject({
      framesUnreadable: 1,
      foreignFrames: 1,
      index: 3,
      framesDecoded: 1,
    });
  });

  it('measures the longest gap in the window and a gap still open', () => {
    const m = new OriginMeter('a', 'cam');
    expect(m.gapAt(0)).toBe(Number.POSITIVE_INFINITY);
    m.frame(code(1), 0);
    m.frame(code(2), 500);
    m.frame(code(3), 600);
    expect(m.stats.longestGapMs).toBe(500);
    m.resetGap();
    m.frame(code(4), 700);
    expect(m.stats.longestGapMs).toBe(100);
    expect(m.gapAt(750)).toBe(100);
    expect(m.gapAt(1_000)).toBe(300);
  });

  it('tracks the latest and mean send-to-decode latency', () => {
    const m = new OriginMeter('a', 'cam');
    m.frame(code(1, 1_000), 1_010);
    m.frame(code(2, 1_100), 1_130);
    expect(m.stats.latencyMs).toBe(30);
    expect(m.stats.meanLatencyMs).toBe(20);
  });

  it(`keeps the last ${RECENT_COUNTERS} counters`, () => {
    const m = new OriginMeter('a', 'cam');
    for (let i = 0; i < RECENT_COUNTERS + 5; i++) m.frame(code(i), i);
    expect(m.stats.recentCounters).toHaveLength(RECENT_COUNTERS);
    expect(m.stats.recentCounters[0]).toBe(5);
  });

  it('adds a route to the history only when the path changes', () => {
    const m = new OriginMeter('a', 'cam');
    m.routed({ path: ['a', 'me'], hops: 1 });
    m.routed({ path: ['a', 'me'], hops: 1 });
    m.ended();
    expect(m.stats.active).toBe(false);
    m.routed({ path: ['a', 'hub', 'me'], hops: 2 });
    expect(m.stats.active).toBe(true);
    expect(m.stats.route).toEqual({ path: ['a', 'hub', 'me'], hops: 2 });
    expect(m.stats.routeHistory.map((r) => r.hops)).toEqual([1, 2]);
  });
});
