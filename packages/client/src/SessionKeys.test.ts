import { describe, expect, it } from 'vitest';
import { SessionKeys } from './SessionKeys';

describe('SessionKeys', () => {
  it('[P14] makes one signer, once, and hands the same one to every caller', async () => {
    const keys = new SessionKeys(globalThis.crypto.subtle);
    expect(keys.signer).toBeNull();
    const [a, b] = await Promise.all([keys.ready(), keys.ready()]);
    expect(a).toBe(b);
    expect(keys.signer).toBe(a);
    expect(a.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const used: unknown[] = [];
    keys.use(
      (s) => used.push(s),
      () => {},
    );
    // Synchronous once made: a rejoin's request leaves in order with what follows it.
    expect(used).toEqual([a]);
  });

  it('reports a key that cannot be made through `failed`', async () => {
    const broken = {
      generateKey: () => Promise.reject(new Error('no')),
    } as unknown as SubtleCrypto;
    const keys = new SessionKeys(broken);
    const failed = await new Promise<unknown>((resolve) => keys.use(() => {}, resolve));
    expect(String(failed)).toMatch(/no/);
  });

  it('without WebCrypto (an insecure page) it is misuse, thrown at once', () => {
    expect(() => new SessionKeys(undefined)).toThrow(/WebCrypto/);
  });
});
