import { describe, expect, it } from 'vitest';
import { createResumeTokens } from './resumeToken';

const claim = { roomId: 'brave-otter', peerId: 'peer-abcdefgh', joinedAt: 1_700_000_000_000 };

describe('resume tokens', () => {
  it('round-trips a claim and fits the protocol limit', () => {
    const tokens = createResumeTokens('secret-one-secret-one');
    const token = tokens.sign({ ...claim, roomId: 'r'.repeat(64) });
    expect(token.length).toBeLessThan(512);
    expect(tokens.verify(tokens.sign(claim))).toEqual(claim);
  });

  it('refuses tampered, foreign and malformed tokens', () => {
    const tokens = createResumeTokens('secret-one-secret-one');
    const other = createResumeTokens('secret-two-secret-two');
    const token = tokens.sign(claim);
    const [prefix, body, sig] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify(['brave-otter', 'peer-zzzzzzzz', 1])).toString(
      'base64url',
    );
    expect(tokens.verify(`${prefix}.${forgedBody}.${sig}`)).toBeNull();
    expect(other.verify(token)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('v1.x')).toBeNull();
    expect(tokens.verify(`v2.${body}.${sig}`)).toBeNull();
    expect(tokens.verify(`${prefix}.${body}.${sig}x`)).toBeNull();
  });
});
