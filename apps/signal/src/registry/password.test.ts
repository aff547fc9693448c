import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('room passwords', () => {
  it('hashes with a random salt and verifies only the right password', async () => {
    const one = await hashPassword('correct horse');
    const two = await hashPassword('correct horse');
    expect(one).not.toBe(two);
    expect(one.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', one)).toBe(true);
    expect(await verifyPassword('correct hors', one)).toBe(false);
    expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
  });
});
