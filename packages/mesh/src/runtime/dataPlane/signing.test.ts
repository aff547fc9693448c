import { PublicKeySchema, SignatureSchema } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { nodeSubtle } from '../testing/signers';
import { createSigner, SignatureVerifier } from './signing';

/** Node's WebCrypto, counting the calls the verifier's cache should save. */
function countingSubtle() {
  const calls = { importKey: 0, generateKeyExtractable: [] as boolean[] };
  const subtle = new Proxy(nodeSubtle, {
    get(target, name: keyof SubtleCrypto) {
      const fn = target[name] as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (name === 'importKey') calls.importKey += 1;
        if (name === 'generateKey') calls.generateKeyExtractable.push(args[1] as boolean);
        return fn.apply(target, args);
      };
    },
  });
  return { subtle, calls };
}

describe('signing', () => {
  it('[M19] a signer has a non-extractable key, a raw P-256 public key and P1363 signatures', async () => {
    const { subtle, calls } = countingSubtle();
    const signer = await createSigner(subtle);
    expect(calls.generateKeyExtractable).toEqual([false]);
    expect(PublicKeySchema.safeParse(signer.publicKey).success).toBe(true);
    const sig = await signer.sign('["chat","peer-aaaa",0,"hi",0]');
    expect(SignatureSchema.safeParse(sig).success).toBe(true);
  });

  it('[M19] verifies the origin signature and nothing else', async () => {
    const alice = await createSigner(nodeSubtle);
    const mallory = await createSigner(nodeSubtle);
    const verifier = new SignatureVerifier(nodeSubtle);
    verifier.setKeys(new Map([['peer-aaaa', alice.publicKey]]));
    const input = '["chat","peer-aaaa",0,"hi",0]';
    const sig = await alice.sign(input);
    const cases: Array<[string, string, string, string, boolean]> = [
      ['the origin over the input', 'peer-aaaa', input, sig, true],
      ['another text', 'peer-aaaa', input.replace('hi', 'ho'), sig, false],
      ['another signer', 'peer-aaaa', input, await mallory.sign(input), false],
      ['an origin without a key', 'peer-bbbb', input, sig, false],
      ['a malformed signature', 'peer-aaaa', input, '!!', false],
      ['a signature of the wrong length', 'peer-aaaa', input, sig.slice(0, 40), false],
    ];
    for (const [what, peer, text, signature, expected] of cases) {
      expect(await verifier.verify(peer, text, signature), what).toBe(expected);
    }
  });

  it('[M19] imports each key once, forgets peers that leave and follows a changed key', async () => {
    const { subtle, calls } = countingSubtle();
    const one = await createSigner(nodeSubtle);
    const two = await createSigner(nodeSubtle);
    const verifier = new SignatureVerifier(subtle);
    verifier.setKeys(new Map([['peer-aaaa', one.publicKey]]));
    const sig = await one.sign('x');
    for (let i = 0; i < 5; i++) expect(await verifier.verify('peer-aaaa', 'x', sig)).toBe(true);
    expect(calls.importKey).toBe(1);
    verifier.setKeys(new Map());
    expect(verifier.has('peer-aaaa')).toBe(false);
    expect(await verifier.verify('peer-aaaa', 'x', sig)).toBe(false);
    verifier.setKeys(new Map([['peer-aaaa', two.publicKey]]));
    expect(await verifier.verify('peer-aaaa', 'x', sig)).toBe(false);
    expect(await verifier.verify('peer-aaaa', 'x', await two.sign('x'))).toBe(true);
    expect(calls.importKey).toBe(2);
  });

  it('[M19] a published key that is not a P-256 point verifies nothing', async () => {
    const verifier = new SignatureVerifier(nodeSubtle);
    verifier.setKeys(new Map([['peer-aaaa', `B${'A'.repeat(86)}`]]));
    const sig = await (await createSigner(nodeSubtle)).sign('x');
    expect(await verifier.verify('peer-aaaa', 'x', sig)).toBe(false);
  });
});
