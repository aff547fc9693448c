import { describe, expect, it, vi } from 'vitest';
import type { CaptureResult } from '../../media/types';
import { FakeSession, fakeMedia, fakeTrack, ids, peer, roomView } from '../../test/fakes';
import { joinedStore, makeStore } from '../../test/render';

const me = peer(ids.me, 'Me', 1);

describe('room slice: join and leave through the session host', () => {
  it('joins with a fresh session, hands it the camera stream and mirrors its status and room', async () => {
    const { store, session } = await joinedStore();
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
    const { store, session } = await joinedStore();
    await store.getState().join('brave-otter-42');
    expect(session.listenerCount()).toBe(0);
    session.emit('roomChanged', roomView([me]));
    expect(store.getState().room?.peers).toHaveLength(2);
  });

  it('remembers the display name', () => {
    const { store } = makeStore();
    store.getState().setDisplayName('Ana ');
    expect(window.localStorage.getItem('meshwork.displayName')).toBe('Ana');
    expect(makeStore().store.getState().displayName).toBe('Ana');
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

  it('leaves through the host: the session leaves, is closed and is no longer listened to', async () => {
    const { store, session } = await joinedStore();
    await store.getState().leave();
    expect(session.leave).toHaveBeenCalled();
    expect(session.close).toHaveBeenCalled();
    expect(session.listenerCount()).toBe(0);
    expect(store.getState().status).toBe('left');
    expect(store.getState().local.stream).toBeNull();
  });
});
