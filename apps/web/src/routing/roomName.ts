import { LIMITS } from '@meshwork/protocol';

/** Words in a generated room name; each carries log2(2048) = 11 bits. */
export const ROOM_NAME_WORDS = 5;
/** Decimal digits after the words; 3 digits carry log2(1000) ~ 9.97 bits. */
export const ROOM_NAME_DIGITS = 3;
/** Least entropy a generated room name may have: guessing one is 2^64 tries. */
export const MIN_ROOM_NAME_BITS = 64;

/** Words in the list room names are drawn from (`roomWords.ts`): 2^11. */
export const ROOM_WORD_COUNT = 2048;

/** Bits of entropy in a generated room name: 5 x 11 + 9.97 ~ 64.97. */
export function roomNameBits(
  words = ROOM_NAME_WORDS,
  digits = ROOM_NAME_DIGITS,
  listSize = ROOM_WORD_COUNT,
): number {
  return words * Math.log2(listSize) + digits * Math.log2(10);
}

/** Fills an array with cryptographically strong random values (`crypto.getRandomValues`). */
export type RandomFill = (values: Uint32Array) => Uint32Array;

const cryptoFill: RandomFill = (values) => crypto.getRandomValues(values);

/** A uniform integer in [0, n) from 32-bit random values, by rejection (no modulo bias). */
function uniform(n: number, fill: RandomFill): number {
  const limit = Math.floor(2 ** 32 / n) * n;
  const one = new Uint32Array(1);
  for (;;) {
    const value = fill(one)[0] ?? 0;
    if (value < limit) return value % n;
  }
}

/**
 * A readable, unguessable room name such as `brave-otter-lunar-maple-tiger-042`: five words of
 * `words` (the 2048 of `roomWords.ts`) and three digits, at least 64 bits from
 * `crypto.getRandomValues`. Knowing a room's name is what lets someone in, so it must not be
 * guessable.
 */
export function randomRoomName(words: readonly string[], fill: RandomFill = cryptoFill): string {
  if (words.length !== ROOM_WORD_COUNT)
    throw new Error(`room words must number ${ROOM_WORD_COUNT}`);
  const picked = Array.from(
    { length: ROOM_NAME_WORDS },
    () => words[uniform(words.length, fill)] as string,
  );
  const digits = String(uniform(10 ** ROOM_NAME_DIGITS, fill)).padStart(ROOM_NAME_DIGITS, '0');
  return [...picked, digits].join('-');
}

/** A fresh room name; the word list is its own chunk, fetched when a room is started. */
export async function newRoomName(): Promise<string> {
  const { ROOM_WORDS } = await import('./roomWords');
  return randomRoomName(ROOM_WORDS);
}

/**
 * Turns what a person typed into a room id (`My Room!` -> `my-room`), or null if nothing
 * usable is left. Pasted invite links are accepted too.
 */
export function toRoomId(input: string): string | null {
  const fromLink = /\/r\/([^/?#\s]+)/.exec(input)?.[1];
  const raw = fromLink ? decodeURIComponent(fromLink) : input;
  const id = raw
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.roomIdMaxChars)
    .replace(/-+$/, '');
  return id.length > 0 ? id : null;
}
