// Test support: real ECDSA P-256 signers over Node's WebCrypto, and the key map a room
// publishes. Not part of the package's export list.
import type { PeerId, PublicKey } from '@meshwork/protocol';
import { createSigner } from '../dataPlane/signing';
import type { Signer } from '../types';

/** Node 20's WebCrypto, injected where the runtime takes `subtle`. */
export const nodeSubtle: SubtleCrypto = globalThis.crypto.subtle;

/** One real signer. */
export function testSigner(): Promise<Signer> {
  return createSigner(nodeSubtle);
}

/** A signer for each of `ids`, and the key map the room would publish for them. */
export async function testSigners(ids: readonly PeerId[]): Promise<{
  signers: Map<PeerId, Signer>;
  keys: Map<PeerId, PublicKey>;
}> {
  const signers = new Map<PeerId, Signer>();
  for (const id of ids) signers.set(id, await testSigner());
  const keys = new Map([...signers].map(([id, s]) => [id, s.publicKey] as const));
  return { signers, keys };
}
