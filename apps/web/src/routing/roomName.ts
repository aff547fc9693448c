import { LIMITS } from '@meshwork/protocol';

const ADJECTIVES = [
  'brave',
  'calm',
  'bright',
  'swift',
  'quiet',
  'lucky',
  'gentle',
  'bold',
  'clever',
  'merry',
  'sunny',
  'witty',
  'eager',
  'fuzzy',
  'noble',
  'rapid',
  'silver',
  'amber',
  'cosmic',
  'misty',
];
const ANIMALS = [
  'otter',
  'falcon',
  'panda',
  'fox',
  'heron',
  'lynx',
  'koala',
  'badger',
  'dolphin',
  'tiger',
  'owl',
  'bison',
  'gecko',
  'raven',
  'walrus',
  'marten',
  'ibis',
  'yak',
  'puffin',
  'beaver',
];

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length) % list.length] as T;
}

/** A readable random room name such as `brave-otter-42`. */
export function randomRoomName(random: () => number = Math.random): string {
  const n = Math.floor(random() * 100);
  return `${pick(ADJECTIVES, random)}-${pick(ANIMALS, random)}-${n}`;
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
