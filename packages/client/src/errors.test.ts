import { describe, expect, it } from 'vitest';
import { connectErrorCode, SessionError, sessionErrorMessage } from './errors';

describe('connectErrorCode', () => {
  it('reads the code from the message, or from data.error / data.code', () => {
    expect(connectErrorCode(new Error('ERR_ORIGIN_NOT_ALLOWED'))).toBe('ERR_ORIGIN_NOT_ALLOWED');
    const withData = (data: unknown) => Object.assign(new Error('refused'), { data });
    expect(connectErrorCode(withData({ error: 'ERR_RATE_LIMITED' }))).toBe('ERR_RATE_LIMITED');
    expect(connectErrorCode(withData({ code: 'ERR_AUTH_FAILED' }))).toBe('ERR_AUTH_FAILED');
  });

  it('is null for transport errors', () => {
    expect(connectErrorCode(new Error('xhr poll error'))).toBeNull();
    expect(connectErrorCode(Object.assign(new Error('x'), { data: 'nope' }))).toBeNull();
  });
});

describe('SessionError', () => {
  it('carries a stable code and a readable default message', () => {
    const err = new SessionError('ERR_TIMEOUT');
    expect(err.code).toBe('ERR_TIMEOUT');
    expect(err.message).toBe(sessionErrorMessage('ERR_TIMEOUT'));
    expect(err.name).toBe('SessionError');
  });

  it('has a sentence for every code the session raises itself, the server’s for refusals', () => {
    for (const code of [
      'ERR_UNREACHABLE',
      'ERR_TIMEOUT',
      'ERR_CLOSED',
      'ERR_NOT_JOINED',
    ] as const) {
      expect(sessionErrorMessage(code)).toMatch(/^[A-Z].*\.$/);
    }
    expect(new SessionError('ERR_ROOM_FULL', 'The room is full.').message).toBe(
      'The room is full.',
    );
    expect(sessionErrorMessage('ERR_ROOM_FULL')).toBe('ERR_ROOM_FULL');
  });
});
