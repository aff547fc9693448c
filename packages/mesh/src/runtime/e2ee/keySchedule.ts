import type { PeerId } from '@meshwork/protocol';

/**
 * The key exchange of end-to-end encryption (SPEC [P31]). Each session makes an ECDH P-256 key
 * pair beside its signing pair (WebCrypto keeps the two uses apart, and the signing key stays
 * non-extractable for signatures only); its public half travels in every frame key it sends,
 * signed with the signing key the signal app vouches for. Both ends of a pair derive the same
 * wrapping key: HKDF-SHA-256 over the ECDH secret, labelled with the direction (`from>to`), so a
 * key A seals for B can never be replayed as one B seals for A.
 */

/** Bytes of key material a sender draws for each frame key. */
export const KEY_MATERIAL_BYTES = 32;
/** IV bytes of a sealed key. */
const WRAP_IV_BYTES = 12;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

/** This session's ECDH key pair: the private half cannot be exported. */
export interface DhKeys {
  privateKey: CryptoKey;
  /** The raw uncompressed public point (65 bytes). */
  publicRaw: Uint8Array<ArrayBuffer>;
}

/** Makes this session's ECDH key pair. */
export async function createDhKeys(subtle: SubtleCrypto): Promise<DhKeys> {
  const pair = (await subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
  const publicRaw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicRaw };
}

/** Fresh random key material for a sender's next frame key. */
export function newKeyMaterial(crypto: Pick<Crypto, 'getRandomValues'>): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(KEY_MATERIAL_BYTES));
}

/**
 * The AES-GCM key that seals keys sent `from` -> `to`: ECDH of `own` with the other end's raw
 * public point, then HKDF. Rejects when `theirs` is not a valid P-256 point.
 */
export async function wrappingKey(
  subtle: SubtleCrypto,
  own: DhKeys,
  theirs: Uint8Array<ArrayBuffer>,
  from: PeerId,
  to: PeerId,
): Promise<CryptoKey> {
  const publicKey = await subtle.importKey('raw', theirs, ECDH, false, []);
  const secret = await subtle.deriveBits({ name: 'ECDH', public: publicKey }, own.privateKey, 256);
  const base = await subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('meshwork e2ee wrap') as Uint8Array<ArrayBuffer>,
      info: encoder.encode(`${from}>${to}`) as Uint8Array<ArrayBuffer>,
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Seals key material: a random IV, then the AES-GCM ciphertext and tag (60 bytes for 32). */
export async function sealKey(
  subtle: SubtleCrypto,
  crypto: Pick<Crypto, 'getRandomValues'>,
  key: CryptoKey,
  material: Uint8Array<ArrayBuffer>,
  keyId: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(WRAP_IV_BYTES));
  const additionalData = new Uint8Array([keyId]);
  const sealed = new Uint8Array(
    await subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, material),
  );
  const out = new Uint8Array(WRAP_IV_BYTES + sealed.byteLength);
  out.set(iv, 0);
  out.set(sealed, WRAP_IV_BYTES);
  return out;
}

/** Opens sealed key material; null when it does not open (wrong key, forged, other key id). */
export async function openKey(
  subtle: SubtleCrypto,
  key: CryptoKey,
  sealed: Uint8Array<ArrayBuffer>,
  keyId: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (sealed.byteLength !== WRAP_IV_BYTES + KEY_MATERIAL_BYTES + 16) return null;
  try {
    const material = await subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.slice(0, WRAP_IV_BYTES),
        additionalData: new Uint8Array([keyId]),
      },
      key,
      sealed.slice(WRAP_IV_BYTES),
    );
    return new Uint8Array(material);
  } catch {
    return null;
  }
}
