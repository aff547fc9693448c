import { describe, expect, it } from 'vitest';
import { EmbedFrameMessageSchema, EmbedHelloSchema, parseEmbedCall } from './embed';

describe('[P21] embed messages', () => {
  it.each([
    [
      { type: 'command', name: 'toggleAudio', args: [] },
      { ok: true, kind: 'command', name: 'toggleAudio' },
    ],
    [
      { type: 'command', name: 'setTopology', args: ['ring'] },
      { ok: true, args: ['ring'] },
    ],
    [
      { type: 'command', name: 'setDisplayName', args: ['Ada'] },
      { ok: true, args: ['Ada'] },
    ],
    [
      { type: 'request', id: 3, name: 'getState' },
      { ok: true, kind: 'request', id: 3 },
    ],
  ])('accepts %j', (raw, expected) => {
    expect(parseEmbedCall(raw)).toMatchObject(expected);
  });

  it.each([
    [{ type: 'command', name: 'format', args: [] }, null, 'ERR_EMBED_UNKNOWN'],
    [{ type: 'command', name: 'toString', args: [] }, null, 'ERR_EMBED_UNKNOWN'],
    [{ type: 'command', name: '__proto__', args: [] }, null, 'ERR_EMBED_UNKNOWN'],
    [{ type: 'request', id: 7, name: 'getSecrets' }, 7, 'ERR_EMBED_UNKNOWN'],
    [{ type: 'command', name: 'setTopology', args: ['tree'] }, null, 'ERR_EMBED_BAD_MESSAGE'],
    [{ type: 'command', name: 'setDisplayName', args: [''] }, null, 'ERR_EMBED_BAD_MESSAGE'],
    [
      { type: 'command', name: 'toggleAudio', args: [1, 2, 3, 4, 5] },
      null,
      'ERR_EMBED_BAD_MESSAGE',
    ],
    [{ type: 'request', id: -1, name: 'getState' }, null, 'ERR_EMBED_BAD_MESSAGE'],
    ['hello', null, 'ERR_EMBED_BAD_MESSAGE'],
    [null, null, 'ERR_EMBED_BAD_MESSAGE'],
    [{ type: 'nope' }, null, 'ERR_EMBED_BAD_MESSAGE'],
  ])('refuses %j with a coded error', (raw, id, code) => {
    const result = parseEmbedCall(raw);
    expect(result).toMatchObject({ ok: false, id, error: { code } });
  });

  it('checks the handshake version', () => {
    expect(EmbedHelloSchema.safeParse({ meshwork: 'hello', version: 1 }).success).toBe(true);
    expect(EmbedHelloSchema.safeParse({ meshwork: 'hello', version: 2 }).success).toBe(false);
  });

  it('reads what the frame sends: events, answers and refusals', () => {
    const ok = (v: unknown) => EmbedFrameMessageSchema.safeParse(v).success;
    expect(ok({ type: 'event', name: 'joined', data: { roomId: 'a' } })).toBe(true);
    expect(ok({ type: 'response', id: 1, ok: true, result: [] })).toBe(true);
    const refusal = { code: 'ERR_EMBED_UNKNOWN', message: 'No such embed command or request.' };
    expect(ok({ type: 'response', id: 1, ok: false, error: refusal })).toBe(true);
    expect(ok({ type: 'event', name: 'exploded', data: null })).toBe(false);
    expect(ok({ type: 'response', id: 1, ok: false, error: { code: 'ERR_X', message: '' } })).toBe(
      false,
    );
  });
});
