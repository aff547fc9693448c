import { FakeClock } from '@meshwork/kit';
import type { StreamRoute } from '@meshwork/mesh/runtime';
import { describe, expect, it } from 'vitest';
import type { FrameCode } from '../media/frameCode';
import { type CreateTrackReader, FrameMeter, type MeteredStream } from './FrameMeter';

interface FakeReader {
  track: MediaStreamTrack;
  feed(code: FrameCode | null): void;
  stopped: boolean;
}

/** A meter over fake tracks: `readers` are the readers it started, in order. */
function setup() {
  const clock = new FakeClock(1_000);
  const readers: FakeReader[] = [];
  let newFrames = 0;
  const createReader: CreateTrackReader = (track, listener) => {
    const reader: FakeReader = { track, feed: listener, stopped: false };
    readers.push(reader);
    return {
      stop: () => {
        reader.stopped = true;
      },
    };
  };
  const meter = new FrameMeter({ createReader, clock, onNewFrame: () => newFrames++ });
  return { clock, readers, meter, newFrames: () => newFrames };
}

const track = (name: string) => ({ id: name }) as unknown as MediaStreamTrack;
const direct: StreamRoute = { path: ['origin-a', 'me'], hops: 1 };
const relayed: StreamRoute = { path: ['origin-a', 'hub', 'me'], hops: 2 };

function stream(tracks: MediaStreamTrack[], route = direct): MeteredStream {
  const media = { getVideoTracks: () => tracks } as unknown as MediaStream;
  return { origin: 'origin-a', key: 'cam', stream: media, route };
}

const code = (counter: number): FrameCode => ({ counter, index: 0, stamp: 0 });

describe('FrameMeter', () => {
  it('reads every video track of a stream and counts its frames under the stream identity', () => {
    const { meter, readers, newFrames } = setup();
    meter.streamChanged(stream([track('v1')]));
    readers[0]?.feed(code(1));
    readers[0]?.feed(code(2));
    readers[0]?.feed(null);
    expect(meter.stats('origin-a')).toMatchObject({ framesDecoded: 2, framesUnreadable: 1 });
    expect(meter.stats('origin-a', 'screen')).toBeUndefined();
    expect(meter.allStats()).toHaveLength(1);
    expect(newFrames()).toBe(2);
  });

  it('moving to a new track stops the old reader and times the first frame on the new one', () => {
    const { meter, readers, clock } = setup();
    const v1 = track('v1');
    const v2 = track('v2');
    meter.streamChanged(stream([v1]));
    readers[0]?.feed(code(1));
    // Both tracks for a moment while the route moves, then only the new one.
    meter.streamChanged(stream([v1, v2], relayed));
    expect(readers).toHaveLength(2);
    clock.advance(40);
    readers[1]?.feed(null);
    clock.advance(80);
    readers[1]?.feed(code(1)); // the old route's frame seen again: counted once
    readers[0]?.feed(code(2));
    readers[1]?.feed(code(2));
    meter.streamChanged(stream([v2], relayed));
    const s = meter.stats('origin-a');
    expect(readers[0]?.stopped).toBe(true);
    expect(readers[1]?.stopped).toBe(false);
    expect(s?.trackSwitchMs).toEqual([120]);
    expect(s?.framesDecoded).toBe(2);
    expect(s?.routeHistory.map((r) => r.hops)).toEqual([1, 2]);
  });

  it('a first track does not count as a move', () => {
    const { meter, readers } = setup();
    meter.streamChanged(stream([track('v1')]));
    readers[0]?.feed(code(1));
    expect(meter.stats('origin-a')?.trackSwitchMs).toEqual([]);
  });

  it('measures gaps on its clock and resets them', () => {
    const { meter, readers, clock } = setup();
    expect(meter.gapNow('origin-a')).toBe(Number.POSITIVE_INFINITY);
    meter.streamChanged(stream([track('v1')]));
    readers[0]?.feed(code(1));
    clock.advance(300);
    readers[0]?.feed(code(2));
    clock.advance(100);
    expect(meter.gapNow('origin-a')).toBe(300);
    meter.resetGaps();
    expect(meter.gapNow('origin-a')).toBe(100);
  });

  it('a removed stream stops its readers and stays listed as inactive; it can come back', () => {
    const { meter, readers } = setup();
    meter.streamChanged(stream([track('v1')]));
    meter.streamRemoved({ origin: 'origin-a', key: 'cam' });
    expect(readers[0]?.stopped).toBe(true);
    expect(meter.stats('origin-a')?.active).toBe(false);
    meter.streamChanged(stream([track('v1')]));
    expect(readers).toHaveLength(2);
    expect(meter.stats('origin-a')?.active).toBe(true);
  });

  it('stop() stops every reader and is idempotent', () => {
    const { meter, readers } = setup();
    meter.streamChanged(stream([track('v1')]));
    meter.streamChanged({ ...stream([track('s1')]), key: 'screen' });
    meter.stop();
    meter.stop();
    expect(readers.every((r) => r.stopped)).toBe(true);
    expect(meter.allStats().map((s) => s.active)).toEqual([false, false]);
  });
});
