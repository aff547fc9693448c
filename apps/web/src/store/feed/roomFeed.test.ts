import { streamKeyOf } from '@meshwork/mesh/runtime';
import { describe, expect, it } from 'vitest';
import { isolate } from '../../format/bidi';
import { fakeStream, ids, peer, roomView, settings } from '../../test/fakes';
import { joinedStore } from '../../test/render';

const ana = peer(ids.ana, 'Ana', 2);
const me = peer(ids.me, 'Me', 1);

describe('room feed: status, room and peers from the bridge', () => {
  it('announces a peer dropping out and drops their streams', async () => {
    const { store, session } = await joinedStore();
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
      `${isolate('Ana')} dropped out (connection lost)`,
    );
  });

  it('announces joins and topology changes seen in room updates', async () => {
    const { store, session } = await joinedStore();
    session.emit('roomChanged', roomView([me, ana, peer(ids.bo, 'Bo', 3)]));
    session.emit(
      'roomChanged',
      roomView([me, ana, peer(ids.bo, 'Bo', 3)], {
        settings: settings({ topology: 'ring', hubPreference: null }),
      }),
    );
    const texts = store.getState().announcements.map((a) => a.text);
    expect(texts).toContain(`${isolate('Bo')} joined`);
    expect(texts).toContain('Topology changed to Ring');
  });

  it('keeps the reconnect reason and retry delay', async () => {
    const { store, session } = await joinedStore();
    session.emit('statusChanged', {
      status: 'reconnecting',
      error: 'ERR_UNREACHABLE',
      retryInMs: 4000,
      attempt: 2,
    });
    expect(store.getState().status).toBe('reconnecting');
    expect(store.getState().statusDetail).toMatchObject({ retryInMs: 4000, attempt: 2 });
  });

  it('unpins the tile of a peer who left, and only theirs (no peer-id prefix match)', async () => {
    const { store, session } = await joinedStore();
    // A valid peer id that is a prefix of Ana's.
    const prefix = ids.ana.slice(0, -1);
    store.getState().pin(streamKeyOf(ids.ana, 'screen'));
    session.emit('peerLeft', { peerId: prefix, reason: 'left' });
    expect(store.getState().pinned).toBe(streamKeyOf(ids.ana, 'screen'));
    session.emit('peerLeft', { peerId: ids.ana, reason: 'left' });
    expect(store.getState().pinned).toBeNull();
  });

  it('[P14] announces a dropped forgery once, however many arrive in a row', async () => {
    const { store, session } = await joinedStore();
    for (const code of ['ERR_BAD_SIGNATURE', 'ERR_BAD_SIGNATURE', 'ERR_WRONG_ROUTE'] as const) {
      session.emit('errorRaised', { code, message: 'forged', peer: ids.ana });
    }
    const texts = store.getState().announcements.map((a) => a.text);
    expect(texts.filter((t) => t.includes('failed verification'))).toEqual([
      `A message from ${isolate('Ana')} failed verification and was dropped`,
    ]);
  });

  it('[P15] announces a new host, the lock and the policy', async () => {
    const { store, session } = await joinedStore();
    const people = [me, ana];
    session.emit('roomChanged', roomView(people, { settings: settings({ hostId: ids.ana }) }));
    session.emit(
      'roomChanged',
      roomView(people, {
        settings: settings({ hostId: ids.me, locked: true, controlPolicy: 'host' }),
      }),
    );
    const texts = store.getState().announcements.map((a) => a.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        `${isolate('Ana')} is now the host`,
        'You are now the host',
        'The host locked the room',
        'Only the host can change the topology now',
      ]),
    );
  });
});
