import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_SOURCE,
  allocateUplink,
  MIN_FPS,
  type UplinkSend,
  type VideoSource,
  videoEncoding,
} from './allocateUplink';

const SMALL: VideoSource = { width: 320, height: 180, frameRate: 15 };
const cam = (source: VideoSource | null = SMALL): UplinkSend => ({
  kind: 'video',
  stream: 'cam',
  source,
});
const screen = (source: VideoSource | null = null): UplinkSend => ({
  kind: 'video',
  stream: 'screen',
  source,
});
const mic: UplinkSend = { kind: 'audio', stream: 'cam', source: null };
const times = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);
const total = (encodings: { maxBitrate: number }[]) =>
  encodings.reduce((sum, e) => sum + e.maxBitrate, 0);

describe('allocateUplink', () => {
  it.each<[string, UplinkSend[], number, number[]]>([
    // [sends, budget kbit/s, expected maxBitrate (payload: the share less its headers) in bit/s]
    ['one camera takes the whole budget', [cam()], 2_500, [2_375_000]],
    ['a mesh of 4 splits it three ways', times(3, cam()), 2_400, [760_000, 760_000, 760_000]],
    ['audio takes its ceiling first', [mic, cam()], 1_000, [28_000, 912_000]],
    ['a screen share weighs two cameras', [cam(), screen()], 1_500, [475_000, 950_000]],
    [
      'many audio streams share a quarter of the budget, down to their floor',
      [...times(10, mic), cam()],
      400,
      [...times(10, 6_000), 209_000],
    ],
  ])('%s', (_name, sends, budget, expected) => {
    expect(allocateUplink(sends, budget).map((e) => e.maxBitrate)).toEqual(expected);
  });

  it('a star hub of 8 relays 49 video streams inside the budget', () => {
    const encodings = allocateUplink(times(49, cam()), 2_500);
    expect(total(encodings)).toBeLessThanOrEqual(2_500_000);
    // 51 kbit/s each, 48 of payload: 213x120 at 15 fps fits, the full 320x180 does not.
    expect(encodings[0]).toEqual({
      maxBitrate: 48_469,
      scaleResolutionDownBy: 1.5,
      maxFramerate: 15,
    });
  });

  it('audio alone never exceeds a budget too small for its floor', () => {
    expect(total(allocateUplink(times(20, mic), 100))).toBeLessThanOrEqual(100_000);
  });

  it('the sum of every encoding stays within the budget (property)', () => {
    const send = fc.record({
      kind: fc.constantFrom('audio' as const, 'video' as const),
      stream: fc.constantFrom('cam' as const, 'screen' as const),
      source: fc.option(
        fc.record({
          width: fc.integer({ min: 16, max: 3840 }),
          height: fc.integer({ min: 16, max: 2160 }),
          frameRate: fc.integer({ min: 1, max: 60 }),
        }),
      ),
    });
    fc.assert(
      fc.property(
        fc.array(send, { maxLength: 80 }),
        fc.integer({ min: 100, max: 100_000 }),
        (s, b) => {
          const encodings = allocateUplink(s, b);
          expect(encodings).toHaveLength(s.length);
          expect(total(encodings)).toBeLessThanOrEqual(b * 1000);
          for (const e of encodings) {
            expect(e.maxBitrate).toBeGreaterThanOrEqual(0);
            if (e.scaleResolutionDownBy !== undefined) {
              expect(e.scaleResolutionDownBy).toBeGreaterThanOrEqual(1);
            }
          }
        },
      ),
    );
  });
});

describe('videoEncoding', () => {
  it.each<[string, number, VideoSource, number, number]>([
    // [kbit/s, source, scale, fps]
    ['720p30 at 2.4 Mbit/s keeps full size', 2_400, ASSUMED_SOURCE, 1, 30],
    ['720p30 at 800 kbit/s halves', 800, ASSUMED_SOURCE, 2, 30],
    ['720p30 at 150 kbit/s goes to 180p', 150, ASSUMED_SOURCE, 4, 30],
    ['180p15 at 70 kbit/s keeps full size', 70, SMALL, 1, 15],
    ['180p15 at 30 kbit/s goes to 90p', 30, SMALL, 2, 15],
    ['180p15 at 10 kbit/s stays at 90p and slows down', 10, SMALL, 2, 8],
    ['180p15 at 1 kbit/s keeps the frame-rate floor', 1, SMALL, 2, MIN_FPS],
  ])('%s', (_name, kbps, source, scale, fps) => {
    const e = videoEncoding(kbps, source);
    expect(e.scaleResolutionDownBy).toBe(scale);
    expect(e.maxFramerate).toBe(fps);
    expect(e.maxBitrate).toBe(kbps * 1000);
  });

  it('never asks for more frames than the source has', () => {
    expect(videoEncoding(10_000, { width: 160, height: 120, frameRate: 10 }).maxFramerate).toBe(10);
  });
});
