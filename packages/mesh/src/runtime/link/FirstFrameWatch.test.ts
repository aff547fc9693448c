import { FakeClock, noopLogger, Timers, until } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { FakeTrack } from '../testing/FakeTrack';
import { linkPair, settle } from '../testing/linkPair';
import {
  DECODE_POLL_FAST_MS,
  DECODE_POLL_INTERVAL_MS,
  DECODE_POLL_MAX_INTERVAL_MS,
  FIRST_FRAME_DEADLINE_MS,
  type FirstFrameTimer,
  FirstFrameWatch,
  nextDecodePollMs,
} from './FirstFrameWatch';

/** A watch over a fake clock whose stats reads return `counts` and are recorded. */
function harness() {
  const clock = new FakeClock();
  const timers = new Timers<FirstFrameTimer>(clock);
  const counts = new Map<string, number>();
  const reads: number[] = [];
  const decoded: Array<{ at: number; keys: readonly string[] }> = [];
  let inFlight = 0;
  const watch = new FirstFrameWatch({
    clock,
    timers,
    logger: noopLogger,
    readCounts: async () => {
      reads.push(clock.now());
      inFlight += 1;
      await Promise.resolve();
      inFlight -= 1;
      return new Map(counts);
    },
    active: () => true,
    decoded: (keys) => decoded.push({ at: clock.now(), keys }),
  });
  /** Moves time to `end` a millisecond at a time, letting each read finish as it starts. */
  async function runTo(end: number, atEachMs: (now: number) => void = () => {}): Promise<void> {
    const settled = () => until(() => inFlight === 0, { what: 'the stats read' });
    await settled();
    while (clock.now() < end) {
      clock.advance(1);
      atEachMs(clock.now());
      await settled();
    }
  }
  return { clock, timers, counts, reads, decoded, watch, runTo };
}

describe('nextDecodePollMs', () => {
  it.each([
    ['a young wait, first interval', 0, null, DECODE_POLL_INTERVAL_MS],
    ['a young wait after a long interval', DECODE_POLL_FAST_MS - 1, 200, DECODE_POLL_INTERVAL_MS],
    [
      'an old wait doubles',
      DECODE_POLL_FAST_MS,
      DECODE_POLL_INTERVAL_MS,
      2 * DECODE_POLL_INTERVAL_MS,
    ],
    ['an old wait doubles again', 2 * DECODE_POLL_FAST_MS, 100, 200],
    ['an old wait stops at the cap', 5 * DECODE_POLL_FAST_MS, 200, DECODE_POLL_MAX_INTERVAL_MS],
  ])('[M10] %s', (_name, elapsed, previous, expected) => {
    expect(nextDecodePollMs(elapsed, previous)).toBe(expected);
  });
});

describe('FirstFrameWatch', () => {
  it('[M10] a young wait is read every DECODE_POLL_INTERVAL_MS, so a first frame is seen as soon as before', async () => {
    const h = harness();
    h.watch.watch('k', '0', true);
    h.watch.resume();
    await h.runTo(400, (now) => {
      if (now === 101) h.counts.set('0', 1);
    });
    expect(h.decoded).toEqual([{ at: 125, keys: ['k'] }]);
    expect(h.reads).toEqual([0, 25, 50, 75, 100, 125]);
    expect(h.timers.size).toBe(0);
  });

  it('[M10] a track that never decodes is read a few dozen times, then counts at the deadline', async () => {
    const h = harness();
    h.watch.watch('k', '0', true);
    h.watch.resume();
    await h.runTo(FIRST_FRAME_DEADLINE_MS);
    expect(h.decoded).toEqual([{ at: FIRST_FRAME_DEADLINE_MS, keys: ['k'] }]);
    // One read every 25 ms would be 120 reads; the fast window alone is 20.
    expect(h.reads.length).toBeGreaterThan(DECODE_POLL_FAST_MS / DECODE_POLL_INTERVAL_MS);
    expect(h.reads.length).toBeLessThan(40);
    const gaps = h.reads.slice(1).map((at, i) => at - (h.reads[i] ?? 0));
    expect(Math.max(...gaps)).toBe(DECODE_POLL_MAX_INTERVAL_MS);
    expect(h.timers.size).toBe(0);
  });

  it('[M10] a track named while the reads have backed off is read at once, then fast', async () => {
    const h = harness();
    h.watch.watch('old', '0', true);
    h.watch.resume();
    await h.runTo(2_000);
    const before = h.reads.length;
    h.watch.watch('new', '1', true);
    h.watch.resume();
    expect(h.reads.slice(before)).toEqual([2_000]);
    await h.runTo(2_100, (now) => {
      if (now === 2_040) h.counts.set('1', 1);
    });
    expect(h.decoded).toEqual([{ at: 2_050, keys: ['new'] }]);
  });

  it('[M10] on a reused mid only media counted after the first read counts', async () => {
    const h = harness();
    h.counts.set('0', 7);
    h.watch.watch('k', '0', false);
    h.watch.resume();
    await h.runTo(100);
    expect(h.decoded).toEqual([]);
    h.counts.set('0', 8);
    await h.runTo(125);
    expect(h.decoded).toEqual([{ at: 125, keys: ['k'] }]);
  });

  it('[M10] a track no longer named stops being waited for', async () => {
    const h = harness();
    h.watch.watch('k', '0', true);
    h.watch.resume();
    h.watch.retain(new Set());
    h.watch.resume();
    await h.runTo(FIRST_FRAME_DEADLINE_MS);
    expect(h.decoded).toEqual([]);
    expect(h.timers.size).toBe(0);
  });
});

describe('FirstFrameWatch (two links over fake connections)', () => {
  const cam = (origin: string) => ({ origin, key: 'cam', kind: 'video' as const });
  const asTrack = (t: FakeTrack) => t as unknown as MediaStreamTrack;

  it('[M10] an incoming track counts as decoded only once media decodes on it for its identity', async () => {
    const p = linkPair();
    await p.connected();
    // Tracks peer-aaaa relays: a reused transceiver carries only one provenance ([M5]).
    const stuck = new FakeTrack('video');
    p.network.undecodable.add(stuck);
    p.a.setOutgoing([{ identity: cam('peer-dddd'), track: asTrack(stuck) }]);
    await until(() => p.b.incoming.has('peer-dddd/cam/video'), { what: 'the track named' });
    // Asserts that the first read finds nothing decoded: no state to wait for.
    await settle();
    expect(p.pcB.statsReads).toBeGreaterThan(0);
    expect(p.b.incoming.get('peer-dddd/cam/video')?.decoded).toBe(false);
    p.network.undecodable.clear();
    p.clock.advance(DECODE_POLL_INTERVAL_MS);
    await until(() => p.b.incoming.get('peer-dddd/cam/video')?.decoded === true, {
      what: 'the first frame seen',
    });
    expect(p.b.incoming.get('peer-dddd/cam/video')?.decoded).toBe(true);
    // The same mid now carries another identity (once released, [M5]): the media counted
    // before does not count.
    p.a.setOutgoing([]);
    await until(() => p.b.incoming.size === 0 && p.pcA.signalingState === 'stable', {
      what: 'the slot released',
    });
    const next = new FakeTrack('video');
    p.network.undecodable.add(next);
    p.a.setOutgoing([{ identity: cam('peer-cccc'), track: asTrack(next) }]);
    await until(() => p.b.incoming.has('peer-cccc/cam/video'), { what: 'the new identity named' });
    p.clock.advance(DECODE_POLL_INTERVAL_MS);
    // Asserts that a read finds nothing new decoded: no state to wait for.
    await settle();
    expect(p.b.incoming.get('peer-cccc/cam/video')?.mid).toBe(p.pcA.transceivers[0]?.mid);
    expect(p.b.incoming.get('peer-cccc/cam/video')?.decoded).toBe(false);
    p.network.undecodable.clear();
    p.clock.advance(DECODE_POLL_INTERVAL_MS);
    await until(() => p.b.incoming.get('peer-cccc/cam/video')?.decoded === true, {
      what: 'the new identity decoding',
    });
    expect(p.b.incoming.get('peer-cccc/cam/video')?.decoded).toBe(true);
    // Nothing waits any more, so nothing polls.
    p.a.close();
    p.b.close();
    expect(p.clock.pending).toBe(0);
  });
});
