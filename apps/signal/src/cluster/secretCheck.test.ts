import { describe, expect, it } from 'vitest';
import { secretsDigest } from './secretCheck';

describe('secretsDigest', () => {
  const resumeSecret = 'resume-secret-0123456789';
  it('[P23] is the same for the same secrets and differs when either differs', () => {
    const digest = secretsDigest({ resumeSecret, hubSecret: null });
    expect(secretsDigest({ resumeSecret, hubSecret: null })).toBe(digest);
    expect(secretsDigest({ resumeSecret: `${resumeSecret}x`, hubSecret: null })).not.toBe(digest);
    expect(secretsDigest({ resumeSecret, hubSecret: 'hub-secret-0123456789' })).not.toBe(digest);
    // An unset hub secret is not the empty one, nor the literal word.
    expect(secretsDigest({ resumeSecret, hubSecret: '' })).not.toBe(digest);
    expect(secretsDigest({ resumeSecret, hubSecret: 'unset' })).not.toBe(digest);
  });

  it('[P23] never contains a secret', () => {
    const digest = secretsDigest({ resumeSecret, hubSecret: 'hub-secret-0123456789' });
    expect(digest).not.toContain(resumeSecret);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
