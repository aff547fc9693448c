// What signing costs per message ([M19]): sign and verify time over Node's WebCrypto, and the
// bytes a signature adds on the wire. Not a test: `npx vitest bench --run bench/signing.bench.ts`.
import { type ChatPeerMessage, signingInput } from '@meshwork/protocol';
import { bench, describe } from 'vitest';
import { createSigner, SignatureVerifier } from '../src/runtime/dataPlane/signing';

const subtle = globalThis.crypto.subtle;
const signer = await createSigner(subtle);
const verifier = new SignatureVerifier(subtle);
verifier.setKeys(new Map([['peer-aaaa', signer.publicKey]]));

const unsigned = {
  t: 'chat' as const,
  origin: 'peer-aaaa',
  seq: 42,
  text: 'A chat line of ordinary length, about sixty characters long.',
  sentAt: Date.now(),
};
const input = signingInput(unsigned);
const sig = await signer.sign(input);
const signed: ChatPeerMessage = { ...unsigned, sig };
const added = JSON.stringify(signed).length - JSON.stringify(unsigned).length;
// Written to stdout directly: the lint wall keeps console out of packages/mesh outside tests.
process.stdout.write(
  `[bench] signature adds ${added} bytes per chat/file-start message (${sig.length}-char sig + field); ` +
    `public key ${signer.publicKey.length} chars at join\n`,
);

describe('ECDSA P-256 per message', () => {
  bench('sign', async () => {
    await signer.sign(input);
  });
  bench('verify (cached key)', async () => {
    await verifier.verify('peer-aaaa', input, sig);
  });
  bench('verify a new peer (key imported first)', async () => {
    const fresh = new SignatureVerifier(subtle);
    fresh.setKeys(new Map([['peer-aaaa', signer.publicKey]]));
    await fresh.verify('peer-aaaa', input, sig);
  });
});
