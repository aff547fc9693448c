/**
 * Encodes a small payload (frame counter, bot index, send time) into the luma plane of an I420
 * frame as a grid of dark and bright blocks that survive lossy video coding and scaling, and
 * reads it back from decoded frames. Pure.
 */

/** An I420 frame as `@roamhq/wrtc` passes it: Y plane, then U and V at half resolution. */
export interface I420Frame {
  width: number;
  height: number;
  data: Uint8Array;
}

/** What each synthetic frame carries. */
export interface FrameCode {
  /** Frames produced by the origin before this one (wraps at 2^24). */
  counter: number;
  /** The origin bot's index (0-255). */
  index: number;
  /** Wall clock of production in ms, modulo 2^16 (latency = now - stamp, modulo 2^16). */
  stamp: number;
}

/** Blocks per row and per column; 64 bits in all. */
export const GRID = 8;
/** Counter bits: 2^24 frames is 13 days at 15 fps. */
export const COUNTER_MODULO = 2 ** 24;
/** Stamp bits: 2^16 ms, so latencies up to a minute read correctly. */
export const STAMP_MODULO = 2 ** 16;
const LUMA_ZERO = 40;
const LUMA_ONE = 215;
const LUMA_THRESHOLD = 128;

/** Bytes of an I420 frame of this size. */
export function i420Size(width: number, height: number): number {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  return width * height + 2 * cw * ch;
}

/** A blank (mid-grey) I420 frame. */
export function createI420Frame(width: number, height: number): I420Frame {
  if (width < GRID * 2 || height < GRID * 2) {
    throw new RangeError(`frames must be at least ${GRID * 2}x${GRID * 2}, got ${width}x${height}`);
  }
  const data = new Uint8Array(i420Size(width, height));
  data.fill(128);
  return { width, height, data };
}

/** CRC-16/CCITT-FALSE over `bytes`. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

function payloadBytes(code: FrameCode): Uint8Array {
  const c = code.counter % COUNTER_MODULO;
  const s = code.stamp % STAMP_MODULO;
  return Uint8Array.of(
    (c >>> 16) & 0xff,
    (c >>> 8) & 0xff,
    c & 0xff,
    code.index & 0xff,
    (s >>> 8) & 0xff,
    s & 0xff,
  );
}

/** Pixel range [start, end) of block `i` of `GRID` along a side of `size` pixels. */
function span(i: number, size: number): [number, number] {
  return [Math.floor((i * size) / GRID), Math.floor(((i + 1) * size) / GRID)];
}

/**
 * Writes `code` into `frame` in place: the luma grid carries the bits (payload then CRC, most
 * significant first, row by row); the chroma planes get a colour per bot index so people can
 * tell bots apart.
 */
export function encodeFrameCode(frame: I420Frame, code: FrameCode): void {
  if (!Number.isInteger(code.index) || code.index < 0 || code.index > 255) {
    throw new RangeError(`bot index must be 0-255, got ${code.index}`);
  }
  const { width, height, data } = frame;
  const payload = payloadBytes(code);
  const crc = crc16(payload);
  const bytes = Uint8Array.of(...payload, crc >>> 8, crc & 0xff);
  for (let bit = 0; bit < GRID * GRID; bit++) {
    const on = ((bytes[bit >>> 3] ?? 0) >>> (7 - (bit & 7))) & 1;
    const [x0, x1] = span(bit % GRID, width);
    const [y0, y1] = span(Math.floor(bit / GRID), height);
    const value = on ? LUMA_ONE : LUMA_ZERO;
    for (let y = y0; y < y1; y++) data.fill(value, y * width + x0, y * width + x1);
  }
  const chroma = Math.ceil(width / 2) * Math.ceil(height / 2);
  const hue = (code.index * 47) % 256;
  data.fill(64 + (hue % 128), width * height, width * height + chroma);
  data.fill(192 - (hue % 128), width * height + chroma, width * height + 2 * chroma);
}

/**
 * Reads a code back from a decoded frame of any size (frames may be scaled on the way), or
 * returns null when the grid does not check out (a blurred or foreign frame).
 */
export function decodeFrameCode(frame: I420Frame): FrameCode | null {
  const { width, height, data } = frame;
  if (width < GRID || height < GRID || data.length < width * height) return null;
  const bytes = new Uint8Array(GRID);
  for (let bit = 0; bit < GRID * GRID; bit++) {
    const [x0, x1] = span(bit % GRID, width);
    const [y0, y1] = span(Math.floor(bit / GRID), height);
    // Sample the middle half of the block: edges bleed into neighbours after lossy coding.
    const qx = Math.floor((x1 - x0) / 4);
    const qy = Math.floor((y1 - y0) / 4);
    let sum = 0;
    let n = 0;
    for (let y = y0 + qy; y < y1 - qy; y++) {
      for (let x = x0 + qx; x < x1 - qx; x++) {
        sum += data[y * width + x] ?? 0;
        n++;
      }
    }
    if (n > 0 && sum / n > LUMA_THRESHOLD) {
      bytes[bit >>> 3] = (bytes[bit >>> 3] ?? 0) | (1 << (7 - (bit & 7)));
    }
  }
  const payload = bytes.subarray(0, 6);
  const crc = ((bytes[6] ?? 0) << 8) | (bytes[7] ?? 0);
  if (crc16(payload) !== crc) return null;
  const b = (i: number) => payload[i] ?? 0;
  return {
    counter: (b(0) << 16) | (b(1) << 8) | b(2),
    index: b(3),
    stamp: (b(4) << 8) | b(5),
  };
}

/** Milliseconds from a frame's stamp to `nowMs` (modulo STAMP_MODULO). */
export function stampAge(stamp: number, nowMs: number): number {
  return (((nowMs - stamp) % STAMP_MODULO) + STAMP_MODULO) % STAMP_MODULO;
}
