import { describe, expect, it } from 'vitest';
import {
  COUNTER_MODULO,
  crc16,
  createI420Frame,
  decodeFrameCode,
  encodeFrameCode,
  type FrameCode,
  type I420Frame,
  i420Size,
  stampAge,
} from './frameCode';

/** Deterministic pseudo-random numbers, so noisy cases are reproducible. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Nearest-neighbour rescale of the luma plane (chroma left grey): what a scaling encoder does. */
function scale(frame: I420Frame, width: number, height: number): I420Frame {
  const out = createI420Frame(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = Math.floor((x * frame.width) / width);
      const sy = Math.floor((y * frame.height) / height);
      out.data[y * width + x] = frame.data[sy * frame.width + sx] ?? 0;
    }
  }
  return out;
}

function addNoise(frame: I420Frame, amplitude: number, seed: number): void {
  const rnd = lcg(seed);
  for (let i = 0; i < frame.width * frame.height; i++) {
    const v = (frame.data[i] ?? 0) + Math.round((rnd() * 2 - 1) * amplitude);
    frame.data[i] = Math.max(0, Math.min(255, v));
  }
}

/** 3x3 box blur of the luma plane, like a heavily compressed frame. */
function blur(frame: I420Frame): void {
  const { width, height, data } = frame;
  const src = data.slice(0, width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) sum += src[(y + dy) * width + x + dx] ?? 0;
      }
      data[y * width + x] = Math.round(sum / 9);
    }
  }
}

const codes: FrameCode[] = [
  { counter: 0, index: 0, stamp: 0 },
  { counter: 1, index: 1, stamp: 1 },
  { counter: 12_345, index: 5, stamp: 54_321 },
  { counter: COUNTER_MODULO - 1, index: 255, stamp: 65_535 },
  { counter: 0xa5a5a5, index: 0x5a, stamp: 0xa55a },
];

describe('frame code', () => {
  it.each(codes)('round-trips counter $counter index $index at 160x120', (code) => {
    const frame = createI420Frame(160, 120);
    encodeFrameCode(frame, code);
    expect(decodeFrameCode(frame)).toEqual(code);
  });

  it.each([
    [160, 120],
    [320, 180],
    [641, 361],
    [16, 16],
  ])('round-trips at %ix%i', (w, h) => {
    const frame = createI420Frame(w, h);
    expect(frame.data.length).toBe(i420Size(w, h));
    encodeFrameCode(frame, { counter: 777, index: 3, stamp: 4_242 });
    expect(decodeFrameCode(frame)).toEqual({ counter: 777, index: 3, stamp: 4_242 });
  });

  it.each([
    [80, 60],
    [120, 90],
    [320, 240],
    [96, 54],
  ])('reads a 160x120 frame scaled to %ix%i', (w, h) => {
    const frame = createI420Frame(160, 120);
    encodeFrameCode(frame, { counter: 99_999, index: 4, stamp: 1_000 });
    expect(decodeFrameCode(scale(frame, w, h))).toEqual({
      counter: 99_999,
      index: 4,
      stamp: 1_000,
    });
  });

  it('reads through noise and blur', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const code = { counter: seed * 7919, index: seed, stamp: seed * 31 };
      const frame = createI420Frame(160, 120);
      encodeFrameCode(frame, code);
      addNoise(frame, 50, seed);
      blur(frame);
      expect(decodeFrameCode(frame)).toEqual(code);
    }
  });

  it('rejects frames that do not carry a code', () => {
    expect(decodeFrameCode(createI420Frame(160, 120))).toBeNull(); // flat grey
    const rnd = lcg(7);
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      const frame = createI420Frame(160, 120);
      for (let p = 0; p < frame.data.length; p++) frame.data[p] = Math.floor(rnd() * 256);
      if (decodeFrameCode(frame)) accepted++;
    }
    expect(accepted).toBeLessThanOrEqual(1); // CRC-16: about 1 in 65536 random grids pass
  });

  it('rejects a code with one flipped block', () => {
    const frame = createI420Frame(160, 120);
    encodeFrameCode(frame, { counter: 5, index: 1, stamp: 9 });
    // Invert the first block (20x15 pixels) of the grid.
    for (let y = 0; y < 15; y++) {
      for (let x = 0; x < 20; x++) frame.data[y * 160 + x] = 255 - (frame.data[y * 160 + x] ?? 0);
    }
    expect(decodeFrameCode(frame)).toBeNull();
  });

  it('rejects a bad bot index and too small frames', () => {
    expect(() =>
      encodeFrameCode(createI420Frame(160, 120), { counter: 0, index: 256, stamp: 0 }),
    ).toThrow(RangeError);
    expect(() => createI420Frame(8, 8)).toThrow(RangeError);
  });

  it('computes CRC-16/CCITT-FALSE', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it.each([
    [100, 150, 50],
    [65_500, 30, 66],
    [0, 0, 0],
  ])('stampAge(%i, now %i) is %i ms', (stamp, now, age) => {
    expect(stampAge(stamp, now)).toBe(age);
  });
});
