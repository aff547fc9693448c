import { describe, expect, it } from 'vitest';
import { createResumeTokens, keyDigest, RESUME_TOKEN_TTL_MS } from './resumeToken';

const NOW = 1_700_000_000_000;
const grant = {
  roomId: 'brave-otter',
  peerId: 'peer-abcdefgh',
  joinedAt: NOW - 5_000,
  host: true,
  key: keyDigest('A'.repeat(87)),
  passwordHash: null,
};
const HASH = `scrypt$16384$8$1$${'s'.repeat(24)}$${'k'.repeat(44)}`;

describe('resume tokens', () => {
  it('[P16] round-trips a claim with its issue time and expiry, and fits the protocol limit', () => {
    const tokens = createResumeTokens('secret-one-secret-one');
    const longest = { roomId: 'r'.repeat(64), peerId: 'p'.repeat(32), passwordHash: HASH };
    const long = tokens.sign({ ...grant, ...longest }, NOW);
    expect(long.length).toBeLessThan(512);
    expect(tokens.verify(tokens.sign(grant, NOW), NOW)).toEqual({
      ...grant,
      issuedAt: NOW,
      expiresAt: NOW + RESUME_TOKEN_TTL_MS,
    });
  });

  it('[P16] treats an expired token as no token', () => {
    const tokens = createResumeTokens('secret-one-secret-one', 1_000);
    const token = tokens.sign(grant, NOW);
    expect(tokens.verify(token, NOW + 999)).not.toBeNull();
    expect(tokens.verify(token, NOW + 1_000)).toBeNull();
  });

  it('refuses tampered, foreign, old-format and malformed tokens', () => {
    const tokens = createResumeTokens('secret-one-secret-one');
    const other = createResumeTokens('secret-two-secret-two');
    const token = tokens.sign(grant, NOW);
    const [prefix, body, sig] = token.split('.');
    const forged = JSON.stringify([
      'brave-otter',
      'peer-zzzzzzzz',
      1,
      1,
      grant.key,
      NOW,
      NOW + 1,
      null,
    ]);
    const forgedBody = Buffer.from(forged).toString('base64url');
    expect(tokens.verify(`${prefix}.${forgedBody}.${sig}`, NOW)).toBeNull();
    expect(other.verify(token, NOW)).toBeNull();
    expect(tokens.verify('', NOW)).toBeNull();
    expect(tokens.verify('v2.x', NOW)).toBeNull();
    expect(tokens.verify(`v1.${body}.${sig}`, NOW)).toBeNull();
    expect(tokens.verify(`${prefix}.${body}.${sig}x`, NOW)).toBeNull();
  });

  it('[P18] carries the room password hash sealed: readable only with the secret', () => {
    const tokens = createResumeTokens('secret-one-secret-one');
    const token = tokens.sign({ ...grant, passwordHash: HASH }, NOW);
    expect(tokens.verify(token, NOW)?.passwordHash).toBe(HASH);
    const body = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(body).not.toContain('scrypt');
    expect(body).not.toContain('k'.repeat(10));
  });

  it('[P14] digests a key to 22 characters, different for different keys', () => {
    expect(keyDigest('A'.repeat(87))).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(keyDigest('A'.repeat(87))).not.toBe(keyDigest('B'.repeat(87)));
  });
});
