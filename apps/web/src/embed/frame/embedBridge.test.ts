import type { EmbedFrameMessage } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { ids, peer, roomView, settings } from '../../test/fakes';
import { joinedStore } from '../../test/render';
import { createEmbedBridge } from './embedBridge';
import { readEmbedParams } from './embedParams';

async function bridged() {
  const made = await joinedStore();
  const sent: EmbedFrameMessage[] = [];
  const bridge = createEmbedBridge(made.store, { postMessage: (m) => sent.push(m) });
  const events = (name: string) =>
    sent.flatMap((m) => (m.type === 'event' && m.name === name ? [m.data] : []));
  const response = (id: number) => sent.find((m) => m.type === 'response' && m.id === id);
  return { ...made, bridge, sent, events, response };
}

describe('[P21] the frame side of an embedded call', () => {
  it('says ready at once, answers getState and getParticipants from the store', async () => {
    const { bridge, events, response } = await bridged();
    expect(events('ready')).toHaveLength(1);
    bridge.receive({ type: 'request', id: 1, name: 'getState' });
    expect(response(1)).toMatchObject({
      ok: true,
      result: { status: 'joined', roomId: 'brave-otter-42', topology: 'mesh', participants: 2 },
    });
    bridge.receive({ type: 'request', id: 2, name: 'getParticipants' });
    expect(response(2)).toMatchObject({
      ok: true,
      result: [
        { id: ids.me, displayName: 'Me', self: true },
        { id: ids.ana, displayName: 'Ana', self: false },
      ],
    });
  });

  it('drives the store: microphone, topology and hangup', async () => {
    const { bridge, store, session, sent } = await bridged();
    bridge.receive({ type: 'command', name: 'toggleAudio', args: [] });
    await expect.poll(() => store.getState().local.audio).toBe(false);
    expect(session.updateMedia).toHaveBeenCalledWith({ audio: false });
    bridge.receive({ type: 'request', id: 5, name: 'getParticipants' });
    expect(sent.at(-1)).toMatchObject({ id: 5, result: [{ self: true, audio: false }, {}] });
    bridge.receive({ type: 'command', name: 'setTopology', args: ['ring'] });
    await expect.poll(() => session.setTopology.mock.calls).toEqual([['ring']]);
    bridge.receive({ type: 'command', name: 'setDisplayName', args: ['Ann'] });
    expect(store.getState().displayName).toBe('Ann');
    bridge.receive({ type: 'command', name: 'hangup', args: [] });
    await expect.poll(() => store.getState().status).toBe('left');
  });

  it('tells the host who joins and leaves, topology changes and the end of the call', async () => {
    const { session, events } = await bridged();
    const me = peer(ids.me, 'Me', 1);
    const ana = peer(ids.ana, 'Ana', 2);
    session.emit('roomChanged', roomView([me, ana, peer(ids.bo, 'Bo', 3)]));
    session.emit('roomChanged', roomView([me, peer(ids.bo, 'Bo', 3)]));
    session.emit(
      'roomChanged',
      roomView([me, peer(ids.bo, 'Bo', 3)], { settings: settings({ topology: 'star' }) }),
    );
    expect(events('participantJoined')).toEqual([{ id: ids.bo, displayName: 'Bo' }]);
    expect(events('participantLeft')).toEqual([{ id: ids.ana, displayName: 'Ana' }]);
    expect(events('topologyChanged')).toEqual([{ topology: 'star' }]);
    session.emit('statusChanged', { status: 'left' });
    expect(events('left')).toHaveLength(1);
  });

  it('answers unknown and malformed messages with coded errors and never throws', async () => {
    const { bridge, events, response, store } = await bridged();
    const hostile: unknown[] = [
      null,
      42,
      'toggleAudio',
      { type: 'command', name: 'eval', args: ['alert(1)'] },
      { type: 'command', name: 'constructor', args: [] },
      { type: 'command', name: 'setTopology', args: [{ toString: 1 }] },
      { type: 'command', name: 'setDisplayName', args: ['x'.repeat(500)] },
      { type: 'request', id: 9, name: 'getCookies' },
      { type: 'request', id: 'nine', name: 'getState' },
    ];
    for (const raw of hostile) expect(() => bridge.receive(raw)).not.toThrow();
    expect(response(9)).toMatchObject({ ok: false, error: { code: 'ERR_EMBED_UNKNOWN' } });
    const codes = events('error').map((e) => (e as { code: string }).code);
    expect(codes).toEqual([
      'ERR_EMBED_BAD_MESSAGE',
      'ERR_EMBED_BAD_MESSAGE',
      'ERR_EMBED_BAD_MESSAGE',
      'ERR_EMBED_UNKNOWN',
      'ERR_EMBED_UNKNOWN',
      'ERR_EMBED_BAD_MESSAGE',
      'ERR_EMBED_BAD_MESSAGE',
      'ERR_EMBED_BAD_MESSAGE',
    ]);
    expect(store.getState().status).toBe('joined');
    expect(store.getState().displayName).toBe('Me');
  });

  it('stops telling the host anything once closed', async () => {
    const { bridge, session, sent } = await bridged();
    bridge.close();
    bridge.close();
    const before = sent.length;
    session.emit('statusChanged', { status: 'left' });
    expect(sent).toHaveLength(before);
  });
});

describe('[P21] embed parameters', () => {
  const allowed = ['https://blog.example'];
  it.each([
    [
      '?embed=1&parent=https%3A%2F%2Fblog.example&name=Ann',
      { parentOrigin: 'https://blog.example', name: 'Ann' },
    ],
    [
      '?embed=1&parent=https%3A%2F%2Fblog.example',
      { parentOrigin: 'https://blog.example', name: null },
    ],
    ['?embed=1&parent=https%3A%2F%2Fevil.example', null],
    ['?embed=1&parent=*', null],
    ['?embed=1', null],
    ['?parent=https%3A%2F%2Fblog.example', null],
    ['', null],
  ])('%s', (search, expected) => {
    expect(readEmbedParams(search, allowed)).toEqual(expected);
  });
});
