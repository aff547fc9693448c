// Test support: WebCrypto that announces one key and signs with another, as a peer forging its
// signatures would (SPEC [P14]). Not part of the package's exports.

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * `crypto.subtle`, except that exporting a public key exports a decoy's: a session on it joins
 * with the decoy's public key but signs with its own private key, so no signature it makes
 * verifies against the key the server publishes for it.
 */
export function decoyKeySubtle(real: SubtleCrypto = globalThis.crypto.subtle): SubtleCrypto {
  let decoy: Promise<CryptoKeyPair> | null = null;
  const exportKey = async (format: 'raw', _key: CryptoKey): Promise<ArrayBuffer> => {
    decoy ??= real.generateKey(P256, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
    return real.exportKey(format, (await decoy).publicKey);
  };
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'exportKey') return exportKey;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
