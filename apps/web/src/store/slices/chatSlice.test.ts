import { describe, expect, it } from 'vitest';
import { DOWNLOAD_MIME_TYPE } from '../../files/saveBlob';
import { isolate } from '../../format/bidi';
import { ids } from '../../test/fakes';
import { joinedStore } from '../../test/render';

/** A Blob's bytes; jsdom's Blob has no arrayBuffer(), its FileReader reads one. */
function bytesOf(blob: Blob): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve([...new Uint8Array(reader.result as ArrayBuffer)]);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

describe('chat slice and feed: messages and files', () => {
  it('echoes its own chat message once and counts unread messages from others', async () => {
    const { store, session } = await joinedStore();
    const own = { id: `${ids.me}:1`, origin: ids.me, text: 'hi', sentAt: 1 };
    session.sendChat.mockResolvedValueOnce(own);
    await store.getState().sendChat('  hi ');
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
    expect(store.getState().announcements.at(-1)?.text).toBe(
      `${isolate('Ana')} shared ${isolate('a.txt')}`,
    );
  });

  it('announces a failed send with what its code means (the session signs, which can fail)', async () => {
    const { store, session } = await joinedStore();
    session.sendChat.mockRejectedValueOnce(
      Object.assign(new Error('x'), { code: 'ERR_NOT_JOINED' }),
    );
    await store.getState().sendChat('hi');
    expect(store.getState().chat).toEqual([]);
    expect(store.getState().announcements.at(-1)?.text).toBe(
      'The message could not be sent: Join a room first.',
    );
  });

  it('saves a received file as opaque bytes, then lets go of them', async () => {
    const saved: { blob: Blob; name: string }[] = [];
    const { store, session } = await joinedStore({
      deps: { saveFile: (blob, name) => saved.push({ blob, name }) },
    });
    const data = new TextEncoder().encode('<script>alert(1)</script>');
    session.emit('fileReceived', {
      transferId: 't1',
      origin: ids.ana,
      name: 'page.html',
      size: data.byteLength,
      mimeType: 'text/html',
      sha256: 'ab'.repeat(32),
      data,
    });
    store.getState().saveFile('t1');
    expect(saved).toHaveLength(1);
    expect(saved[0]?.name).toBe('page.html');
    expect(saved[0]?.blob.type).toBe(DOWNLOAD_MIME_TYPE);
    expect(await bytesOf(saved[0]?.blob ?? new Blob())).toEqual([...data]);
    expect(store.getState().files.get('t1')?.received).toMatchObject({
      data: null,
      released: 'saved',
    });
    // Saved once: nothing is left to save again.
    store.getState().saveFile('t1');
    expect(saved).toHaveLength(1);
  });
});
