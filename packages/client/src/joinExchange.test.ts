import { JoinRequestSchema, PROTOCOL_VERSION } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { SessionError } from './errors';
import { joinRequest, judgeJoin } from './joinExchange';
import { joinOk, PUBLIC_KEY } from './testing/fixtures';

const media = { audio: true, video: false, screen: false };

describe('joinRequest', () => {
  it('[P14] carries the protocol version, the current media, the public key and only the options given', () => {
    const req = joinRequest(
      { roomId: 'demo', displayName: 'Me', media: { ...media, video: true } },
      media,
      PUBLIC_KEY,
      {},
    );
    expect(req).toEqual({
      protocolVersion: PROTOCOL_VERSION,
      roomId: 'demo',
      displayName: 'Me',
      media,
      publicKey: PUBLIC_KEY,
    });
    expect(JoinRequestSchema.safeParse(req).success).toBe(true);
  });

  it('[P17] carries a media hub token only when given', () => {
    const options = { roomId: 'demo', displayName: 'Hub', media, hubToken: 'hub-secret' };
    const req = joinRequest(options, media, PUBLIC_KEY, {});
    expect(req.hubToken).toBe('hub-secret');
  });

  it('adds the password, capacity and resume fields', () => {
    const req = joinRequest(
      { roomId: 'demo', displayName: 'Me', media, password: 'pw', capacity: { uplinkKbps: 900 } },
      media,
      PUBLIC_KEY,
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
    [
      'a locked room',
      { ok: true, value: { ok: false, error: 'ERR_ROOM_LOCKED', message: 'm' } },
      'fatal',
    ],
    [
      'a password for an open room',
      { ok: true, value: { ok: false, error: 'ERR_NO_PASSWORD', message: 'm' } },
      'fatal',
    ],
    [
      'a server claim without a hub token',
      { ok: true, value: { ok: false, error: 'ERR_HUB_AUTH', message: 'm' } },
      'fatal',
    ],
    [
      'a removed peer',
      { ok: true, value: { ok: false, error: 'ERR_REMOVED', message: 'm' } },
      'fatal',
    ],
    [
      'a join queue full',
      { ok: true, value: { ok: false, error: 'ERR_JOIN_QUEUE_FULL', message: 'm' } },
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
