import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkKey, parseLinkKey } from './linkKey';

const peerId = fc.stringMatching(/^[A-Za-z0-9_-]{8,32}$/);

describe('linkKey', () => {
  it('[R2] sorts the two ids lexically and joins them with |', () => {
    expect(linkKey('zulu-peer', 'alfa-peer')).toBe('alfa-peer|zulu-peer');
    expect(linkKey('alfa-peer', 'zulu-peer')).toBe('alfa-peer|zulu-peer');
    // Lexical, not locale order: upper case sorts before lower case.
    expect(linkKey('bravo-peer', 'Zulu-peer')).toBe('Zulu-peer|bravo-peer');
  });

  it('[R2] is the same from both ends and parseLinkKey inverts it', () => {
    fc.assert(
      fc.property(peerId, peerId, (a, b) => {
        fc.pre(a !== b);
        const key = linkKey(a, b);
        expect(linkKey(b, a)).toBe(key);
        expect(parseLinkKey(key)).toEqual(a < b ? [a, b] : [b, a]);
      }),
    );
  });

  it('[R2] refuses a link from a peer to itself', () => {
    expect(() => linkKey('alfa-peer', 'alfa-peer')).toThrow(RangeError);
  });

  it.each([
    '',
    'alfa-peer',
    'alfa-peer|',
    '|alfa-peer',
    'zulu-peer|alfa-peer',
    'alfa-peer|alfa-peer',
    'a-peer-1|b-peer-2|c-peer-3',
  ])('[R2] parseLinkKey rejects the non-canonical key %j', (key) => {
    expect(() => parseLinkKey(key)).toThrow(RangeError);
  });
});
