import { LIMITS, RoomIdSchema } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import {
  MIN_ROOM_NAME_BITS,
  type RandomFill,
  ROOM_NAME_DIGITS,
  ROOM_NAME_WORDS,
  ROOM_WORD_COUNT,
  randomRoomName,
  roomNameBits,
} from './roomName';
import { ROOM_WORDS } from './roomWords';

/** A deterministic stand-in for crypto.getRandomValues that records how often it was asked. */
function sequence(values: readonly number[]): RandomFill & { calls: number } {
  let i = 0;
  const fill = ((out: Uint32Array) => {
    fill.calls++;
    for (let j = 0; j < out.length; j++) out[j] = values[i++ % values.length] ?? 0;
    return out;
  }) as RandomFill & { calls: number };
  fill.calls = 0;
  return fill;
}

describe('generated room names', () => {
  it('draw from 2048 distinct readable words, so each word is exactly 11 bits', () => {
    expect(ROOM_WORDS).toHaveLength(ROOM_WORD_COUNT);
    expect(ROOM_WORD_COUNT).toBe(2 ** 11);
    expect(new Set(ROOM_WORDS).size).toBe(2048);
    for (const word of ROOM_WORDS) expect(word).toMatch(/^[a-z]{3,8}$/);
  });

  it('carry at least 64 bits: 5 words x 11 bits + 3 digits x log2(10)', () => {
    expect(roomNameBits()).toBeCloseTo(55 + 3 * Math.log2(10), 10);
    expect(roomNameBits()).toBeGreaterThanOrEqual(MIN_ROOM_NAME_BITS);
    // One word or digit fewer would fall short: the parameters are the smallest that reach 64.
    expect(roomNameBits(ROOM_NAME_WORDS - 1)).toBeLessThan(MIN_ROOM_NAME_BITS);
    expect(roomNameBits(ROOM_NAME_WORDS, ROOM_NAME_DIGITS - 1)).toBeLessThan(MIN_ROOM_NAME_BITS);
  });

  it('fit the room id rule even at the longest words', () => {
    const longest = Math.max(...ROOM_WORDS.map((w) => w.length));
    const max = ROOM_NAME_WORDS * longest + ROOM_NAME_WORDS + ROOM_NAME_DIGITS;
    expect(max).toBeLessThanOrEqual(LIMITS.roomIdMaxChars);
    for (let i = 0; i < 200; i++) {
      const name = randomRoomName(ROOM_WORDS);
      expect(name).toMatch(/^(?:[a-z]{3,8}-){5}\d{3}$/);
      expect(RoomIdSchema.safeParse(name).success).toBe(true);
    }
  });

  it('map random values to words and digits without modulo bias', () => {
    // 2048 divides 2^32, so word indexes are the low bits; 1000 does not, so the top of the
    // range is rejected and drawn again.
    const reject = 2 ** 32 - 1;
    const fill = sequence([0, 1, 2047, 2048, 4096 + 5, reject, 42]);
    expect(randomRoomName(ROOM_WORDS, fill)).toBe(
      [ROOM_WORDS[0], ROOM_WORDS[1], ROOM_WORDS[2047], ROOM_WORDS[0], ROOM_WORDS[5], '042'].join(
        '-',
      ),
    );
    expect(fill.calls).toBe(7);
  });

  it('refuse a word list of another size, which would change the entropy', () => {
    expect(() => randomRoomName(ROOM_WORDS.slice(1))).toThrow();
  });

  it('come from crypto.getRandomValues by default and differ each time', () => {
    const names = new Set(Array.from({ length: 100 }, () => randomRoomName(ROOM_WORDS)));
    expect(names.size).toBe(100);
  });
});
