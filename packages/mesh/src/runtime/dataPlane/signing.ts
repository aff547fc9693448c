import type { PeerId, PublicKey } from '@meshwork/protocol';
import type { Signer } from '../types';
import { fromBase64Url, toBase64Url } from './bytes';

/** ECDSA over P-256 (SPEC [P14]): WebCrypto's signatures are IEEE P1363 (r || s, 64 bytes). */
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
/** The hash every signature is made with. */
const SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

const encoder = new TextEncoder();

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

/**
 * Makes this session's signer: a fresh P-256 key pair whose private half cannot be exported
 * (script on the page can use it while the session lives, never copy it out), and the raw public
 * point in base64url. `subtle` is injected: `crypto.subtle` in browsers and in Node 20.
 */
export async function createSigner(subtle: SubtleCrypto): Promise<Signer> {
  const pair = await subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
  const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  return {
    publicKey: toBase64Url(raw),
    sign: async (input) =>
      toBase64Url(new Uint8Array(await subtle.sign(SIGN_ALGORITHM, pair.privateKey, utf8(input)))),
  };
}

interface CachedKey {
  publicKey: PublicKey;
  /** null: the published key is not a valid P-256 point, so nothing verifies against it. */
  key: Promise<CryptoKey | null>;
}

/**
 * Checks origins' signatures against the keys the room publishes, importing each peer's key
 * once (an import costs more than a verify) and forgetting it when the peer leaves the room.
 */
export class SignatureVerifier {
  #keys: ReadonlyMap<PeerId, PublicKey> = new Map();
  readonly #imported = new Map<PeerId, CachedKey>();

  readonly #subtle: SubtleCrypto;

  constructor(subtle: SubtleCrypto) {
    this.#subtle = subtle;
  }

  /** The room's keys now; cached imports of peers that left or changed key are dropped. */
  setKeys(keys: ReadonlyMap<PeerId, PublicKey>): void {
    this.#keys = new Map(keys);
    for (const [peer, cached] of this.#imported) {
      if (keys.get(peer) !== cached.publicKey) this.#imported.delete(peer);
    }
  }

  /** Whether the room has published a key for `peer`. */
  has(peer: PeerId): boolean {
    return this.#keys.has(peer);
  }

  /** True only if `signature` is `peer`'s valid signature over `input`. Never throws. */
  async verify(peer: PeerId, input: string, signature: string): Promise<boolean> {
    const key = await this.#keyOf(peer);
    if (key === null) return false;
    try {
      const sig = fromBase64Url(signature) as Uint8Array<ArrayBuffer>;
      return await this.#subtle.verify(SIGN_ALGORITHM, key, sig, utf8(input));
    } catch {
      return false;
    }
  }

  #keyOf(peer: PeerId): Promise<CryptoKey | null> {
    const publicKey = this.#keys.get(peer);
    if (publicKey === undefined) return Promise.resolve(null);
    const cached = this.#imported.get(peer);
    if (cached?.publicKey === publicKey) return cached.key;
    const key = this.#import(publicKey);
    this.#imported.set(peer, { publicKey, key });
    return key;
  }

  async #import(publicKey: PublicKey): Promise<CryptoKey | null> {
    try {
      const raw = fromBase64Url(publicKey) as Uint8Array<ArrayBuffer>;
      return await this.#subtle.importKey('raw', raw, KEY_ALGORITHM, false, ['verify']);
    } catch {
      return null;
    }
  }
}
