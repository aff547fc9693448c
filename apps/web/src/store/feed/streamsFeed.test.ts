import { streamKeyOf } from '@meshwork/mesh/runtime';
import { describe, expect, it } from 'vitest';
import { fakeStream, fakeTrack, ids } from '../../test/fakes';
import { joinedStore } from '../../test/render';

describe('streams feed: remote streams from the bridge', () => {
  it('replaces the remote stream map (never mutates it) and keeps one entry per origin and key', async () => {
    const { store, session } = await joinedStore();
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
    const entry = store.getState().remoteStreams.get(streamKeyOf(ids.ana, 'cam'));
    expect(store.getState().remoteStreams.size).toBe(1);
    expect(entry?.stream).toBe(second);
    expect(entry?.route.hops).toBe(2);
    expect(afterFirst.get(streamKeyOf(ids.ana, 'cam'))?.stream).toBe(first);
  });

  it('unpins a stream that goes away, and ignores one it never had', async () => {
    const { store, session } = await joinedStore();
    const route = { path: [ids.ana, ids.me], hops: 1 };
    session.emit('remoteStreamChanged', {
      origin: ids.ana,
      key: 'cam',
      stream: fakeStream(),
      route,
    });
    store.getState().pin(streamKeyOf(ids.ana, 'cam'));
    const before = store.getState().remoteStreams;
    session.emit('remoteStreamRemoved', { origin: ids.ana, key: 'screen' });
    expect(store.getState().remoteStreams).toBe(before);
    session.emit('remoteStreamRemoved', { origin: ids.ana, key: 'cam' });
    expect(store.getState().remoteStreams.size).toBe(0);
    expect(store.getState().pinned).toBeNull();
  });
});
