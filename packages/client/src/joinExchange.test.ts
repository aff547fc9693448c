import { PROTOCOL_VERSION } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { SessionError } from './errors';
import { joinRequest, judgeJoin } from './joinExchange';
import { joinOk } from './testing/fixtures';

const media = { audio: true, video: false, screen: false };

describe('joinRequest', () => {
  it('carries the protocol version, the current media and only the options given', () => {
    const req = joinRequest(
      { roomId: 'demo', displayName: 'Me', media: { ...media, video: true } },
      media,
      {},
    );
    expect(req).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      roomId: 'demo',
      displayName: 'Me',
      media,
    });
  });

  it('adds the password, capacity and resume fields', () => {
    const req = joinRequest(
      { roomId: 'demo', displayName: 'Me', media, password: 'pw', capacity: { uplinkKbps: 900 } },
      media,
      { resumeToken: 'token-1' },
    );
    expect(req).toMatchObject({
      password: 'pw',
      capacity: { uplinkKbps: 900 },
      resumeToken: 'token-1',
    });
  });
});

describe('judgeJoin', () => {
  it.each([
    ['an accepted join', { ok: true, value: joinOk() }, 'joined'],
    [
      'a full room',
      { ok: true, value: { ok: false, error: 'ERR_ROOM_FULL', message: 'm' } },
      'fatal',
    ],
    [
      'a rate limit',
      { ok: true, value: { ok: false, error: 'ERR_RATE_LIMITED', message: 'm' } },
      'refused',
    ],
    ['no answer', { ok: false, error: new SessionError('ERR_TIMEOUT') }, 'unanswered'],
  ] as const)('%s is %s', (_name, outcome, kind) => {
    expect(judgeJoin(outcome as Parameters<typeof judgeJoin>[0]).kind).toBe(kind);
  });

  it('an unanswered join retries as ERR_UNREACHABLE', () => {
    const verdict = judgeJoin({ ok: false, error: new SessionError('ERR_TIMEOUT') });
    expect(verdict).toMatchObject({ error: 'ERR_UNREACHABLE' });
  });
});
