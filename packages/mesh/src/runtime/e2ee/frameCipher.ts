import type { PeerId } from '@meshwork/protocol';

/**
 * Frame encryption of end-to-end encrypted media (SPEC [P31]). An encoded frame becomes
 * `[clear header][AES-GCM ciphertext + tag][IV (12)][clear length (1)][key id (1)]`. The first bytes of each frame
 * stay clear (10 of a VP8 key frame, 3 of a delta frame, 1 of an Opus frame, as lib-jitsi-meet and
 * the WebRTC samples do): the packetizer and a forwarding hub read them (the VP8 payload header
 * says key frame or not), and they are bound to the ciphertext as additional data, so a relay can
 * read but not change them.
 */

/** Bytes of the IV carried in each frame's trailer. */
export const FRAME_IV_BYTES = 12;
/** IV, clear length and key id: what encryption adds to a frame besides the 16-byte GCM tag. */
export const FRAME_TRAILER_BYTES = FRAME_IV_BYTES + 2;
/** The GCM tag length in bytes. */
export const FRAME_TAG_BYTES = 16;
/** Frames one key may encrypt: the counter in its IVs never wraps, so no IV repeats. */
export const FRAME_COUNTER_MAX = 2 ** 48;

/** What an encoded frame is, which says how many bytes stay clear. */
export type FrameKind = 'audio' | 'video-key' | 'video-delta';

/** Bytes left clear at the front of a frame of `kind`. */
export const CLEAR_BYTES: Readonly<Record<FrameKind, number>> = {
  'video-key': 10,
  'video-delta': 3,
  audio: 1,
};

/** The most bytes any frame leaves clear. */
const CLEAR_BYTES_MAX = Math.max(...Object.values(CLEAR_BYTES));

/** One sender's frame key: the AES-GCM key and the salt its IVs are made from. */
export interface FrameKey {
  owner: PeerId;
  keyId: number;
  aes: CryptoKey;
  salt: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();

function bytes(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/**
 * The frame key `owner` encrypts with under `keyId`, from its 32 random bytes of key material:
 * HKDF-SHA-256 gives the AES-GCM-128 key and a 12-byte IV salt, each under its own label.
 */
export async function deriveFrameKey(
  subtle: SubtleCrypto,
  material: Uint8Array<ArrayBuffer>,
  owner: PeerId,
  keyId: number,
): Promise<FrameKey> {
  const base = await subtle.importKey('raw', material, 'HKDF', false, ['deriveKey', 'deriveBits']);
  const hkdf = (label: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: bytes('meshwork e2ee frame'),
    info: bytes(`${label}|${owner}|${keyId}`),
  });
  const aes = await subtle.deriveKey(hkdf('key'), base, { name: 'AES-GCM', length: 128 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const salt = new Uint8Array(await subtle.deriveBits(hkdf('salt'), base, FRAME_IV_BYTES * 8));
  return { owner, keyId, aes, salt };
}

/** The IV of frame number `counter` under a key with `salt`: the salt XOR the counter. */
export function frameIv(salt: Uint8Array, counter: number): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= FRAME_COUNTER_MAX) {
    throw new RangeError(`frame counter ${counter} out of range`);
  }
  const iv = new Uint8Array(FRAME_IV_BYTES);
  iv.set(salt.subarray(0, FRAME_IV_BYTES));
  let rest = counter;
  for (let i = FRAME_IV_BYTES - 1; i >= FRAME_IV_BYTES - 6; i -= 1) {
    iv[i] = (iv[i] ?? 0) ^ (rest & 0xff);
    rest = Math.floor(rest / 256);
  }
  return iv;
}

/**
 * Counts the frames one key encrypts, for every sender of this peer at once, so no two frames
 * under one key share an IV. `next()` throws once the key has encrypted `FRAME_COUNTER_MAX`
 * frames; a sender rekeys long before.
 */
export class FrameCounter {
  #next = 0;

  /** The next unused counter value. */
  next(): number {
    if (this.#next >= FRAME_COUNTER_MAX) throw new RangeError('frame key used up: rekey');
    const value = this.#next;
    this.#next += 1;
    return value;
  }
}

/** Encrypts one encoded frame under `key` with IV number `counter`. */
export async function encryptFrame(
  subtle: SubtleCrypto,
  key: FrameKey,
  counter: number,
  kind: FrameKind,
  frame: ArrayBuffer,
): Promise<ArrayBuffer> {
  const data = new Uint8Array(frame);
  const clear = Math.min(CLEAR_BYTES[kind], data.byteLength);
  const iv = frameIv(key.salt, counter);
  const header = data.slice(0, clear);
  const sealed = new Uint8Array(
    await subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: header, tagLength: FRAME_TAG_BYTES * 8 },
      key.aes,
      data.slice(clear),
    ),
  );
  const out = new Uint8Array(clear + sealed.byteLength + FRAME_TRAILER_BYTES);
  out.set(header, 0);
  out.set(sealed, clear);
  out.set(iv, clear + sealed.byteLength);
  out[out.byteLength - 2] = clear;
  out[out.byteLength - 1] = key.keyId;
  return out.buffer;
}

/** The key id an encrypted frame names in its last byte, or null if it is too short to be one. */
export function frameKeyId(frame: ArrayBuffer): number | null {
  if (frame.byteLength < FRAME_TAG_BYTES + FRAME_TRAILER_BYTES) return null;
  return new Uint8Array(frame)[frame.byteLength - 1] ?? null;
}

/**
 * Decrypts one frame under `key`; null when it does not open (another key, forged, cut short,
 * its clear header changed, not encrypted at all). Never throws: a peer's frame is untrusted.
 */
export async function decryptFrame(
  subtle: SubtleCrypto,
  key: FrameKey,
  frame: ArrayBuffer,
): Promise<ArrayBuffer | null> {
  if (frameKeyId(frame) !== key.keyId) return null;
  const data = new Uint8Array(frame);
  const clear = data[data.byteLength - 2] ?? 0;
  const ivAt = data.byteLength - FRAME_TRAILER_BYTES;
  // The clear length is bound as additional data: a changed one fails the tag like any change.
  if (clear > CLEAR_BYTES_MAX || clear + FRAME_TAG_BYTES > ivAt) return null;
  try {
    const plain = new Uint8Array(
      await subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: data.slice(ivAt, ivAt + FRAME_IV_BYTES),
          additionalData: data.slice(0, clear),
          tagLength: FRAME_TAG_BYTES * 8,
        },
        key.aes,
        data.slice(clear, ivAt),
      ),
    );
    const out = new Uint8Array(clear + plain.byteLength);
    out.set(data.subarray(0, clear), 0);
    out.set(plain, clear);
    return out.buffer;
  } catch {
    return null;
  }
}
