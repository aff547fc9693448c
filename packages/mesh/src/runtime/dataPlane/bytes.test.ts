import { describe, expect, it } from 'vitest';
import { chunkCount, fromBase64, fromBase64Url, sha256Hex, toBase64, toBase64Url } from './bytes';
import { SeenSet } from './SeenSet';

describe('bytes', () => {
  it('base64 round-trips any bytes', () => {
    const data = new Uint8Array(70_000).map((_, i) => (i * 13) & 0xff);
    expect(fromBase64(toBase64(data))).toEqual(data);
    expect(toBase64(new Uint8Array([1, 2, 3]))).toBe('AQID');
  });

  it('[M19] base64url round-trips without padding, in the URL-safe alphabet', () => {
    const data = new Uint8Array(65).map((_, i) => (i * 251) & 0xff);
    const text = toBase64Url(data);
    expect(text).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(fromBase64Url(text)).toEqual(data);
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('SHA-256 in lowercase hex', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('chunk counts', () => {
    expect([chunkCount(0, 16), chunkCount(16, 16), chunkCount(17, 16)]).toEqual([0, 1, 2]);
  });
});

describe('SeenSet', () => {
  it('[M14] reports first sight once and forgets the oldest past capacity', () => {
    const seen = new SeenSet(2);
    expect([seen.add('a'), seen.add('a'), seen.add('b'), seen.add('c')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(seen.has('a')).toBe(false);
    expect(seen.size).toBe(2);
  });
});
