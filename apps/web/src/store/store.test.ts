import { describe, expect, it, vi } from 'vitest';
import type { CaptureResult } from '../media/types';
import { FakeSession, fakeMedia, fakeStream, fakeTrack, ids, peer, roomView } from '../test/fakes';
import { makeStore } from '../test/render';

const ana = peer(ids.ana, 'Ana', 2);
const me = peer(ids.me, 'Me', 1);

async function joined() {
  const made = makeStore();
  made.store.getState().setDisplayName('Me');
  await made.store.getState().startPreview();
  await made.store.getState().join('brave-otter-42');
  const session = made.session();
  session.emit('statusChanged', { status: 'joined' });
  session.emit('roomChanged', roomView([me, ana]));
  return { ...made, session };
}

describe('store + bridge', () => {
  it('joins with a fresh session, hands it the camera stream and mirrors its status and room', async () => {
    const { store, session } = await joined();
    expect(session.join).toHaveBeenCalledWith(
      expect.objectContaining({
        roomId: 'brave-otter-42',
        displayName: 'Me',
        media: { audio: true, video: true, screen: false },
      }),
    );
    expect(session.setLocalStream).toHaveBeenCalledWith('cam', store.getState().local.stream);
    expect(store.getState().status).toBe('joined');
    expect(store.getState().room?.peers.map((p) => p.displayName)).toEqual(['Me', 'Ana']);
    expect(store.getState().names.get(ids.ana)).toBe('Ana');
  });

  it('replaces the remote stream map (never mutates it) and keeps one entry per origin and key', async () => {
    const { store, session } = await joined();
    const before = store.getState().remoteStreams;
    const first = fakeStream([fakeTrack('video')]);
    session.emit('remoteStreamChanged', {
      origin: ids.ana,
      key: 'cam',
      stream: first,
      route: { path: [ids.ana, ids.me], hops: 1 },
    });
    const afterFirst = store.getState().remoteStreams;
    expect(afterFirst).not.toBe(before);
    expect(before.size).toBe(0);

    const second = fakeStream([fakeTrack('video')]);
    session.emit('remoteStreamChanged', {
      origin: ids.ana,
      key: 'cam',
      stream: second,
      route: { path: [ids.ana, ids.bo, ids.me], hops: 2 },
    });
    const entry = store.getState().remoteStreams.get(`${ids.ana}:cam`);
    expect(store.getState().remoteStreams.size).toBe(1);
    expect(entry?.stream).toBe(second);
    expect(entry?.route.hops).toBe(2);
    expect(afterFirst.get(`${ids.ana}:cam`)?.stream).toBe(first);
  });

  it('announces a peer dropping out and drops their streams', async () => {
    const { store, session } = await joined();
    session.emit('remoteStreamChanged', {
      origin: ids.ana,
      key: 'cam',
      stream: fakeStream(),
      route: { path: [ids.ana, ids.me], hops: 1 },
    });
    session.emit('peerLeft', { peerId: ids.ana, reason: 'timeout' });
    session.emit('roomChanged', roomView([me]));
    expect(store.getState().remoteStreams.size).toBe(0);
    expect(store.getState().announcements.map((a) => a.text)).toContain(
      'Ana dropped out (connection lost)',
    );
  });

  it('announces joins and topology changes seen in room updates', async () => {
    const { store, session } = await joined();
    session.emit('roomChanged', roomView([me, ana, peer(ids.bo, 'Bo', 3)]));
    session.emit(
      'roomChanged',
      roomView([me, ana, peer(ids.bo, 'Bo', 3)], {
        settings: { topology: 'ring', hubPreference: null },
      }),
    );
    const texts = store.getState().announcements.map((a) => a.text);
    expect(texts).toContain('Bo joined');
    expect(texts).toContain('Topology changed to Ring');
  });

  it('keeps the reconnect reason and retry delay', async () => {
    const { store, session } = await joined();
    session.emit('statusChanged', {
      status: 'reconnecting',
      error: 'ERR_UNREACHABLE',
      retryInMs: 4000,
      attempt: 2,
    });
    expect(store.getState().status).toBe('reconnecting');
    expect(store.getState().statusDetail).toMatchObject({ retryInMs: 4000, attempt: 2 });
  });

  it('asks for a password after ERR_AUTH_FAILED and joins again with a new session', async () => {
    const refusal = Object.assign(new Error('wrong'), { code: 'ERR_AUTH_FAILED' });
    const made = makeStore({
      configure: (session, n) => {
        if (n === 0) session.join.mockRejectedValueOnce(refusal);
      },
    });
    const { store } = made;
    store.getState().setDisplayName('Me');
    await store.getState().join('brave-otter-42');
    const first = made.session();
    expect(store.getState().needsPassword).toBe(true);
    expect(store.getState().joinError).toBe('ERR_AUTH_FAILED');

    await store.getState().join('brave-otter-42', 'sesame');
    const second = made.session();
    expect(second).not.toBe(first);
    expect(first.close).toHaveBeenCalled();
    expect(second.join).toHaveBeenCalledWith(expect.objectContaining({ password: 'sesame' }));
    expect(store.getState().needsPassword).toBe(false);
    expect(store.getState().joinError).toBeNull();
  });

  it('stops listening to a session once it is replaced', async () => {
    const { store, session } = await joined();
    await store.getState().join('brave-otter-42');
    expect(session.listenerCount()).toBe(0);
    session.emit('roomChanged', roomView([me]));
    expect(store.getState().room?.peers).toHaveLength(2);
  });

  it('echoes its own chat message once and counts unread messages from others', async () => {
    const { store, session } = await joined();
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
    const { store, session } = await joined();
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

  it('turns the camera off by stopping its track and handing the session a stream without it', async () => {
    const { store, session } = await joined();
    const [video] = store.getState().local.stream?.getVideoTracks() ?? [];
    await store.getState().setCamera(false);
    expect(video?.stop).toHaveBeenCalled();
    const stream = store.getState().local.stream;
    expect(stream?.getVideoTracks()).toHaveLength(0);
    expect(session.setLocalStream).toHaveBeenLastCalledWith('cam', stream);
    expect(session.updateMedia).toHaveBeenLastCalledWith({ audio: true, video: false });
  });

  it('mutes by disabling the microphone track without renegotiating', async () => {
    const { store, session } = await joined();
    const [audio] = store.getState().local.stream?.getAudioTracks() ?? [];
    session.setLocalStream.mockClear();
    await store.getState().setMicrophone(false);
    expect(audio?.enabled).toBe(false);
    expect(session.setLocalStream).not.toHaveBeenCalled();
    expect(session.updateMedia).toHaveBeenLastCalledWith({ audio: false });
  });

  it('remembers the display name', () => {
    const { store } = makeStore();
    store.getState().setDisplayName('Ana ');
    expect(window.localStorage.getItem('meshwork.displayName')).toBe('Ana');
    expect(makeStore().store.getState().displayName).toBe('Ana');
  });

  it('hands the camera to the session when the browser grants it only after joining', async () => {
    let grant: (result: CaptureResult) => void = () => {};
    const media = fakeMedia({
      capture: vi.fn(() => new Promise<CaptureResult>((resolve) => (grant = resolve))),
    });
    const { store, session } = makeStore({ media });
    store.getState().setDisplayName('Me');
    const preview = store.getState().startPreview();
    await store.getState().join('brave-otter-42');
    session().emit('statusChanged', { status: 'joined' });
    expect(session().setLocalStream).not.toHaveBeenCalled();

    grant({
      audio: fakeTrack('audio'),
      video: fakeTrack('video'),
      problems: { audio: null, video: null },
    });
    await preview;
    const stream = store.getState().local.stream;
    expect(stream?.getTracks()).toHaveLength(2);
    expect(session().setLocalStream).toHaveBeenCalledWith('cam', stream);
    expect(session().updateMedia).toHaveBeenLastCalledWith({ audio: true, video: true });
  });

  it('joins with the camera the browser granted while the session code was still loading', async () => {
    let grant: (result: CaptureResult) => void = () => {};
    const media = fakeMedia({
      capture: vi.fn(() => new Promise<CaptureResult>((resolve) => (grant = resolve))),
    });
    const session = new FakeSession();
    let sessionLoaded: (s: FakeSession) => void = () => {};
    const { store } = makeStore({
      media,
      deps: {
        createSession: () => new Promise<FakeSession>((resolve) => (sessionLoaded = resolve)),
      },
    });
    store.getState().setDisplayName('Me');
    const preview = store.getState().startPreview();
    const joining = store.getState().join('brave-otter-42');
    grant({
      audio: fakeTrack('audio'),
      video: fakeTrack('video'),
      problems: { audio: null, video: null },
    });
    await preview;
    sessionLoaded(session);
    await joining;

    const stream = store.getState().local.stream;
    expect(stream?.getTracks()).toHaveLength(2);
    expect(session.setLocalStream).toHaveBeenCalledWith('cam', stream);
    expect(session.join).toHaveBeenCalledWith(
      expect.objectContaining({ media: { audio: true, video: true, screen: false } }),
    );
  });
});
