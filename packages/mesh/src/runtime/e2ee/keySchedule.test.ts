import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDhKeys, newKeyMaterial, openKey, sealKey, wrappingKey } from './keySchedule';

const subtle = webcrypto.subtle as SubtleCrypto;
const crypto = webcrypto as unknown as Crypto;

describe('key schedule', () => {
  it('[P31] both ends of a pair derive the same wrapping key for one direction', async () => {
    const a = await createDhKeys(subtle);
    const b = await createDhKeys(subtle);
    expect(a.publicRaw.byteLength).toBe(65);
    const material = newKeyMaterial(crypto);
    const sealKeyAB = await wrappingKey(subtle, a, b.publicRaw, 'peer-aaaa', 'peer-bbbb');
    const openKeyAB = await wrappingKey(subtle, b, a.publicRaw, 'peer-aaaa', 'peer-bbbb');
    const sealed = await sealKey(subtle, crypto, sealKeyAB, material, 3);
    expect(sealed.byteLength).toBe(60);
    expect(await openKey(subtle, openKeyAB, sealed, 3)).toEqual(material);
  });

  it('[P31] a key sealed for one direction, key id or pair does not open elsewhere', async () => {
    const a = await createDhKeys(subtle);
    const b = await createDhKeys(subtle);
    const c = await createDhKeys(subtle);
    const material = newKeyMaterial(crypto);
    const ab = await wrappingKey(subtle, a, b.publicRaw, 'peer-aaaa', 'peer-bbbb');
    const sealed = await sealKey(subtle, crypto, ab, material, 3);
    const ba = await wrappingKey(subtle, b, a.publicRaw, 'peer-bbbb', 'peer-aaaa');
    expect(await openKey(subtle, ba, sealed, 3)).toBeNull();
    const right = await wrappingKey(subtle, b, a.publicRaw, 'peer-aaaa', 'peer-bbbb');
    expect(await openKey(subtle, right, sealed, 4)).toBeNull();
    // A third peer that saw both public keys cannot derive the secret.
    const eve = await wrappingKey(subtle, c, a.publicRaw, 'peer-aaaa', 'peer-bbbb');
    expect(await openKey(subtle, eve, sealed, 3)).toBeNull();
    expect(await openKey(subtle, right, sealed.slice(0, 59), 3)).toBeNull();
  });

  it('[P31] a public point that is not on the curve is refused', async () => {
    const a = await createDhKeys(subtle);
    const bogus = new Uint8Array(65);
    bogus[0] = 4;
    bogus.fill(7, 1);
    await expect(wrappingKey(subtle, a, bogus, 'peer-aaaa', 'peer-bbbb')).rejects.toThrow();
  });

  it('[P31] key material is fresh each time', () => {
    expect(newKeyMaterial(crypto)).not.toEqual(newKeyMaterial(crypto));
  });
});
