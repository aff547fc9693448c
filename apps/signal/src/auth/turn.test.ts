import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { turnCredentials } from './turn';

describe('turnCredentials', () => {
  it('makes coturn use-auth-secret credentials: expiry:peer and base64 HMAC-SHA1', () => {
    const turn = { secret: 'north', urls: ['turn:127.0.0.1:3478'], ttlSeconds: 3600 };
    const server = turnCredentials(turn, 'peer-abcdefgh', 1_700_000_000_500);
    expect(server.urls).toEqual(['turn:127.0.0.1:3478']);
    expect(server.username).toBe('1700003600:peer-abcdefgh');
    const expected = createHmac('sha1', 'north')
      .update('1700003600:peer-abcdefgh')
      .digest('base64');
    expect(server.credential).toBe(expected);
  });

  it('matches a vector computed with openssl', () => {
    // echo -n "1700000000:alice" | openssl dgst -sha1 -hmac "secret" -binary | base64
    const server = turnCredentials(
      { secret: 'secret', urls: ['turn:x'], ttlSeconds: 0 },
      'alice',
      1_700_000_000_000,
    );
    expect(server.username).toBe('1700000000:alice');
    expect(server.credential).toBe('d8soP47RbdIKLDUOpnJPVQyq5Ts=');
  });
});
