import { until } from '@meshwork/kit';
import { type FeedSnapshot, FeedSnapshotSchema } from '@meshwork/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD_FREE_ATTEMPTS } from '../server/addressLimits';
import { joinOk, useTestStack } from '../testing/harness';
import { FeedClient } from './feedClient';

const stack = useTestStack();
const clients: FeedClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

// Cheap stand-in for scrypt: these tests are about the feed, not the hash.
const passwords = {
  hash: async (p: string) => `plain:${p}`,
  verify: async (p: string, h: string) => h === `plain:${p}`,
};

function watch(base: string, room: string, headers: Record<string, string> = {}): FeedClient {
  const client = new FeedClient(`${base}/api/rooms/${room}/events`, headers);
  clients.push(client);
  return client;
}

describe('[P20] live room feed', () => {
  it('follows joins, a topology switch and a leave, and replays exactly what a reconnect missed', async () => {
    const s = await stack.server({ passwords });
    const ada = await stack.peer(s);
    const ada0 = await joinOk(ada, 'feed-room', { displayName: 'Ada' });

    const feed = watch(s.url, 'feed-room');
    const [snapshot] = await feed.waitFor(1, 'the snapshot');
    expect(snapshot?.event).toBe('snapshot');
    const snap = FeedSnapshotSchema.parse(snapshot?.data) as FeedSnapshot;
    expect(snap.peers).toEqual([
      {
        id: ada0.selfId,
        displayName: 'Ada',
        media: { audio: true, video: true, screen: false },
        host: true,
        connected: true,
      },
    ]);
    expect(snap).toMatchObject({
      roomId: 'feed-room',
      topology: 'mesh',
      planVersion: 1,
      hub: null,
    });
    // Nothing secret or identifying rides along.
    const raw = JSON.stringify(snapshot?.data);
    expect(raw).not.toMatch(/publicKey|127\.0\.0\.1|token|proof|passwordHash/);

    const bob = await stack.peer(s);
    const bob0 = await joinOk(bob, 'feed-room', { displayName: 'Bob' });
    await until(() => feed.names.includes('links'), { what: 'the join on the feed' });
    expect(feed.names).toEqual(['snapshot', 'peer-joined', 'plan', 'links']);
    expect(feed.messages[1]?.data).toMatchObject({ peer: { id: bob0.selfId, displayName: 'Bob' } });
    expect(feed.messages[3]?.data).toEqual({
      links: [{ a: ada0.selfId, b: bob0.selfId, state: 'connecting', rttMs: null }],
    });

    const switched = await ada.socket.emitWithAck('setTopology', { topology: 'star' });
    if (!switched.ok) throw new Error(switched.error);
    await until(() => feed.names.includes('topology'), { what: 'the switch on the feed' });
    const afterSwitch = feed.messages.slice(4);
    expect(afterSwitch.map((m) => m.event)).toEqual(['topology', 'plan']);
    expect(afterSwitch[1]?.data).toMatchObject({ topology: 'star', version: switched.version });

    // Ids grow by one per event; the snapshot carried the id before the first.
    const seqs = feed.messages.map((m) => Number(m.id.split('-')[1]));
    expect(seqs).toEqual([0, 1, 2, 3, 4, 5]);
    const lastSeen = feed.messages.at(-1)?.id ?? '';

    // The watcher drops; Bob leaves meanwhile.
    feed.close();
    await until(() => s.signal.feed.subscriptions === 0, { what: 'the watcher cleaned up' });
    const left = await bob.socket.emitWithAck('leave');
    expect(left.ok).toBe(true);

    const back = watch(s.url, 'feed-room', { 'last-event-id': lastSeen });
    await until(() => back.names.includes('peer-left') && back.names.includes('links'), {
      what: 'the missed events',
    });
    const missed = await back.waitFor(3);
    expect(missed.map((m) => m.event)).toEqual(['peer-left', 'plan', 'links']);
    expect(missed[0]?.data).toEqual({ peerId: bob0.selfId });
    expect(missed.map((m) => Number(m.id.split('-')[1]))).toEqual([6, 7, 8]);
    expect(back.names).not.toContain('snapshot');

    // An id from nowhere gets a fresh snapshot instead.
    const stale = watch(s.url, 'feed-room', { 'last-event-id': 'ffffff-3' });
    const [fresh] = await stale.waitFor(1);
    expect(fresh?.event).toBe('snapshot');
    expect(FeedSnapshotSchema.parse(fresh?.data).peers.map((p) => p.id)).toEqual([ada0.selfId]);
  });

  it('answers an unknown room, a wrong password and a missing one alike', async () => {
    const s = await stack.server({ passwords });
    const host = await stack.peer(s);
    await joinOk(host, 'locked-room', { password: 'opensesame' });
    const get = async (room: string, password?: string) => {
      const res = await fetch(`${s.url}/api/rooms/${room}/events`, {
        headers: password === undefined ? {} : { authorization: `Bearer ${password}` },
      });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };
    const wrong = await get('locked-room', 'guess');
    expect(wrong.status).toBe(404);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
    expect(await get('no-such-room', 'guess')).toEqual(wrong);
    expect(await get('no-such-room')).toEqual(wrong);
    expect(await get('locked-room')).toEqual(wrong);
    expect(await get('Not%20A%20Room')).toEqual(wrong);

    const feed = watch(s.url, 'locked-room', { authorization: 'Bearer opensesame' });
    const [first] = await feed.waitFor(1);
    expect(first?.event).toBe('snapshot');
  });

  it("charges password guesses to the joins' backoff, found room or not", async () => {
    const s = await stack.server({ passwords });
    const host = await stack.peer(s);
    await joinOk(host, 'guarded-room', { password: 'opensesame' });
    const guess = (room: string) =>
      fetch(`${s.url}/api/rooms/${room}/events`, { headers: { authorization: 'Bearer nope' } });
    for (let i = 0; i < PASSWORD_FREE_ATTEMPTS; i++) {
      expect((await guess('guarded-room')).status).toBe(404);
      expect((await guess('unknown-room')).status).toBe(404);
    }
    const [found, unknown] = await Promise.all([guess('guarded-room'), guess('unknown-room')]);
    expect(found.status).toBe(429);
    expect(await found.json()).toMatchObject({ error: 'ERR_RATE_LIMITED' });
    expect(unknown.status).toBe(429);
  });

  it('ends the streams when the room ends or gets a password, so nobody keeps watching past it', async () => {
    const s = await stack.server({ passwords });
    const host = await stack.peer(s);
    await joinOk(host, 'ending-room');
    const feed = watch(s.url, 'ending-room');
    await feed.waitFor(1);
    const set = await host.socket.emitWithAck('updateRoom', { password: 'late-secret' });
    expect(set.ok).toBe(true);
    await until(() => s.signal.feed.subscriptions === 0, { what: 'the stream ended' });
    expect(feed.names).toEqual(['snapshot']);

    const again = watch(s.url, 'ending-room', { authorization: 'Bearer late-secret' });
    await again.waitFor(1);
    expect((await host.socket.emitWithAck('leave')).ok).toBe(true);
    await until(() => s.signal.feed.subscriptions === 0, { what: 'the stream ended' });
    // The room is shown empty before its stream ends.
    await until(() => again.names.includes('peer-left'), { what: 'the last person leaving' });
    expect(again.names.slice(0, 2)).toEqual(['snapshot', 'peer-left']);
    expect(s.signal.feed.feeds).toBe(0);
  });

  it('limits open streams per address and gives the place back when a watcher goes', async () => {
    const s = await stack.server({ config: { maxConnectionsPerIp: 2 } });
    const member = await stack.peer(s);
    await joinOk(member, 'busy-room');
    const a = watch(s.url, 'busy-room');
    const b = watch(s.url, 'busy-room');
    await Promise.all([a.waitFor(1), b.waitFor(1)]);
    expect(s.signal.feed.subscriptions).toBe(2);

    const third = await fetch(`${s.url}/api/rooms/busy-room/events`);
    expect(third.status).toBe(429);
    expect(await third.json()).toMatchObject({ error: 'ERR_TOO_MANY_CONNECTIONS' });

    a.close();
    await until(() => s.signal.feed.subscriptions === 1, { what: 'one watcher cleaned up' });
    const c = watch(s.url, 'busy-room');
    await c.waitFor(1);
    b.close();
    c.close();
    await until(() => s.signal.feed.subscriptions === 0, { what: 'every watcher cleaned up' });
  });
});
