import { describe, expect, it } from 'vitest';
import { ids } from '../../test/fakes';
import { joinedStore } from '../../test/render';

describe('chat slice and feed: messages and files', () => {
  it('echoes its own chat message once and counts unread messages from others', async () => {
    const { store, session } = await joinedStore();
    const own = { id: `${ids.me}:1`, origin: ids.me, text: 'hi', sentAt: 1 };
    session.sendChat.mockReturnValueOnce(own);
    store.getState().sendChat('  hi ');
    expect(session.sendChat).toHaveBeenCalledWith('hi');
    session.emit('chatReceived', own);
    session.emit('chatReceived', {
      id: `${ids.ana}:1`,
      origin: ids.ana,
      text: '<b>yo</b>',
      sentAt: 2,
    });
    expect(store.getState().chat.map((m) => m.text)).toEqual(['hi', '<b>yo</b>']);
    expect(store.getState().unreadChat).toBe(1);
    store.getState().togglePanel('chat');
    expect(store.getState().unreadChat).toBe(0);
  });

  it('tracks file progress and the verified file', async () => {
    const { store, session } = await joinedStore();
    const base = { transferId: 't1', origin: ids.ana, name: 'a.txt', size: 10 };
    session.emit('fileProgressed', { ...base, bytes: 4, direction: 'receive' });
    expect(store.getState().files.get('t1')?.bytes).toBe(4);
    session.emit('fileReceived', {
      ...base,
      mimeType: 'text/plain',
      sha256: 'ab'.repeat(32),
      data: new Uint8Array(10),
    });
    expect(store.getState().files.get('t1')?.received?.sha256).toBe('ab'.repeat(32));
    expect(store.getState().announcements.at(-1)?.text).toBe('Ana shared a.txt');
  });
});
