import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CLEAR_BYTES,
  decryptFrame,
  deriveFrameKey,
  encryptFrame,
  FRAME_COUNTER_MAX,
  FRAME_TAG_BYTES,
  FRAME_TRAILER_BYTES,
  FrameCounter,
  type FrameKind,
  frameIv,
  frameKeyId,
} from './frameCipher';
import { newKeyMaterial } from './keySchedule';

const subtle = webcrypto.subtle as SubtleCrypto;
const crypto = webcrypto as unknown as Crypto;

function frameOf(length: number, seed = 7): ArrayBuffer {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (i * 31 + seed) & 0xff;
  return data.buffer;
}

const keyOf = (owner = 'peer-aaaa', keyId = 1, material = newKeyMaterial(crypto)) =>
  deriveFrameKey(subtle, material, owner, keyId);

describe('frame cipher', () => {
  it.each<[FrameKind, number]>([
    ['video-key', 1200],
    ['video-delta', 300],
    ['audio', 80],
    ['audio', 1],
    ['video-key', 4],
    ['audio', 0],
  ])('[P31] a %s frame of %i bytes round-trips', async (kind, length) => {
    const key = await keyOf();
    const frame = frameOf(length);
    const sealed = await encryptFrame(subtle, key, 0, kind, frame);
    expect(sealed.byteLength).toBe(length + FRAME_TAG_BYTES + FRAME_TRAILER_BYTES);
    const opened = await decryptFrame(subtle, key, sealed);
    expect(opened).not.toBeNull();
    expect(new Uint8Array(opened as ArrayBuffer)).toEqual(new Uint8Array(frame));
  });

  it('[P31] keeps the codec header bytes clear and encrypts the rest', async () => {
    const key = await keyOf();
    for (const kind of ['video-key', 'video-delta', 'audio'] as const) {
      const frame = new Uint8Array(frameOf(200));
      const sealed = new Uint8Array(await encryptFrame(subtle, key, 5, kind, frame.buffer));
      const clear = CLEAR_BYTES[kind];
      expect(sealed.subarray(0, clear)).toEqual(frame.subarray(0, clear));
      // The body is not the plaintext: at most a few bytes agree by chance.
      const body = sealed.subarray(clear, 200);
      const same = body.filter((b, i) => b === frame[clear + i]).length;
      expect(same).toBeLessThan(10);
      expect(frameKeyId(sealed.buffer)).toBe(1);
    }
  });

  it('[P31] a frame under another key, another owner or forged does not open', async () => {
    const material = newKeyMaterial(crypto);
    const key = await keyOf('peer-aaaa', 1, material);
    const sealed = await encryptFrame(subtle, key, 0, 'video-delta', frameOf(400));
    // Other material under the same id.
    expect(await decryptFrame(subtle, await keyOf('peer-aaaa', 1), sealed)).toBeNull();
    // The same material for another owner derives another key.
    expect(await decryptFrame(subtle, await keyOf('peer-bbbb', 1, material), sealed)).toBeNull();
    // Another key id is not even tried.
    expect(await decryptFrame(subtle, await keyOf('peer-aaaa', 2, material), sealed)).toBeNull();
    // Any changed byte, the clear header included, fails the tag.
    for (const at of [0, 2, 10, 200, sealed.byteLength - 3, sealed.byteLength - 2]) {
      const bent = new Uint8Array(sealed.slice(0));
      bent[at] = (bent[at] ?? 0) ^ 0x40;
      expect(await decryptFrame(subtle, key, bent.buffer)).toBeNull();
    }
  });

  it('[P31] garbage, truncated or empty frames never throw', async () => {
    const key = await keyOf();
    const sealed = await encryptFrame(subtle, key, 0, 'video-key', frameOf(100));
    for (const junk of [
      new ArrayBuffer(0),
      frameOf(3),
      frameOf(29, 1),
      frameOf(5000, 3),
      sealed.slice(0, 40),
      sealed.slice(20),
    ]) {
      expect(await decryptFrame(subtle, key, junk)).toBeNull();
    }
  });

  it('[P31] the counter never repeats an IV and stops before it would wrap', async () => {
    const key = await keyOf();
    const counter = new FrameCounter();
    const ivs = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const sealed = new Uint8Array(
        await encryptFrame(subtle, key, counter.next(), 'audio', frameOf(20)),
      );
      const ivAt = sealed.byteLength - FRAME_TRAILER_BYTES;
      ivs.add(Buffer.from(sealed.subarray(ivAt, ivAt + 12)).toString('hex'));
    }
    expect(ivs.size).toBe(2000);
    // Distinct counters give distinct IVs across the whole range, including the top.
    const salt = key.salt;
    const top = Buffer.from(frameIv(salt, FRAME_COUNTER_MAX - 1)).toString('hex');
    expect(top).not.toBe(Buffer.from(frameIv(salt, 0)).toString('hex'));
    expect(() => frameIv(salt, FRAME_COUNTER_MAX)).toThrow(RangeError);
    expect(() => frameIv(salt, -1)).toThrow(RangeError);
  });
});
