import { describe, expect, it } from 'vitest';
import { isHubTokenValid } from './hubToken';

describe('isHubTokenValid', () => {
  const secret = 'a-hub-secret-of-some-length';
  const table: Array<[string, string | null, string | undefined, boolean]> = [
    ['the configured secret', secret, secret, true],
    ['no token', secret, undefined, false],
    ['a wrong token', secret, 'a-hub-secret-of-some-lengtX', false],
    ['a prefix of the secret', secret, secret.slice(0, 10), false],
    ['the secret and more', secret, `${secret}!`, false],
    ['an empty token', secret, '', false],
    ['no secret configured', null, secret, false],
    ['no secret and an empty token', null, '', false],
  ];
  for (const [name, configured, token, valid] of table) {
    it(`[P17] ${name}: ${valid ? 'a hub' : 'not a hub'}`, () => {
      expect(isHubTokenValid(configured, token)).toBe(valid);
    });
  }
});
