import type { LinkStats } from '@meshwork/mesh/runtime';
import type { JoinRequest } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { linkStats } from './testing/FakeMesh';
import { joinOk, joinOptions, OTHER, plan, settings } from './testing/fixtures';
import { createHarness, type Harness } from './testing/harness';

let h: Harness;

beforeEach(() => {
  h = createHarness();
});

describe('ClientSession resume', () => {
  it('re-joins with the token and hints and keeps the same mesh', async () => {
    const { session, statuses, socket, mesh } = await h.joined();
    socket.fire('planPrepared', plan(4, 'ring'));
    socket.fire('settingsChanged', settings({ topology: 'ring' }));
    socket.serverDrop();
    expect(statuses.at(-1)).toMatchObject({ status: 'reconnecting', reason: 'transport close' });
    // Signals produced while away are queued, not lost.
    mesh.fire('signalProduced', { to: OTHER, epoch: 4, signal: { type: 'ice-restart' } });
    expect(socket.of('signal')).toHaveLength(0);
    h.clock.advance(100);
    socket.serverConnect();
    const req = socket.of('join')[1]?.[0] as JoinRequest;
    expect(req.resumeToken).toBe('token-1');
    // [P14] The same key on every attempt; [P16] hints prove the version and name no peers.
    const first = socket.of('join')[0]?.[0] as JoinRequest | undefined;
    expect(req.publicKey).toBe(first?.publicKey);
    expect(req.resume).toEqual({
      planVersion: 4,
      planProof: 'proof-4',
      topology: 'ring',
      audioRouting: 'follow',
      hubPreference: null,
      links: [{ peer: 'other-peer-2', epoch: 4 }],
    });
    socket.ack('join', joinOk({ resumed: true, plan: plan(4, 'ring'), resumeToken: 'token-2' }));
    expect(session.status).toBe('joined');
    expect(h.meshes).toHaveLength(1);
    expect(mesh.closed).toBe(0);
    expect(socket.of('signal')).toHaveLength(1);
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    expect(socket.of('join')[2]?.[0]).toMatchObject({ resumeToken: 'token-2' });
  });

  it('after resuming, re-sends the last link report and readiness for the same plan', async () => {
    const { socket, mesh } = await h.joined();
    mesh.fire('linksReported', { links: [{ peer: OTHER, state: 'connected' }] });
    mesh.fire('planReady', { version: 1 });
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ resumed: true }));
    expect(socket.of('reportLinks').map((a) => a[0])).toEqual([
      { links: [{ peer: OTHER, state: 'connected' }] },
      { links: [{ peer: OTHER, state: 'connected' }] },
    ]);
    expect(socket.of('planReady').map((a) => a[0])).toEqual([{ version: 1 }, { version: 1 }]);
  });

  it('[P29] while recording, says so again after resuming; after stopping, does not', async () => {
    const { session, socket } = await h.joined();
    const started = session.setRecording(true);
    socket.ack('setRecording', { ok: true });
    await started;
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ resumed: true }));
    expect(socket.of('setRecording').map((a) => a[0])).toEqual([
      { recording: true },
      { recording: true },
    ]);
    socket.ack('setRecording', { ok: true });
    const stopped = session.setRecording(false);
    socket.ack('setRecording', { ok: true });
    await stopped;
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ resumed: true }));
    expect(socket.of('setRecording')).toHaveLength(3);
  });

  it('[P29] a refused start leaves the session not recording', async () => {
    const { session, socket } = await h.joined();
    const started = session.setRecording(true);
    socket.ack('setRecording', { ok: false, error: 'ERR_RATE_LIMITED', message: 'slow down' });
    await expect(started).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ resumed: true }));
    expect(socket.of('setRecording')).toHaveLength(1);
  });

  it('rebuilds the mesh when the identity was not restored', async () => {
    const { socket, mesh } = await h.joined();
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ selfId: 'self-peer-9', resumed: false }));
    expect(mesh.closed).toBe(1);
    expect(mesh.listenerTotal()).toBe(0);
    expect(h.meshes).toHaveLength(2);
    expect(h.meshes[1]?.options.selfId).toBe('self-peer-9');
  });

  it('rejects actions pending when the connection drops', async () => {
    const { session, socket } = await h.joined();
    const done = session.setTopology('ring');
    socket.serverDrop();
    await expect(done).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
    await expect(session.setTopology('ring')).rejects.toMatchObject({ code: 'ERR_NOT_JOINED' });
  });

  it('ignores the late answer of a join it already gave up on', async () => {
    const { session } = h.session();
    void session.join(joinOptions);
    const socket = h.socket();
    socket.serverConnect();
    await socket.sentTimes('join');
    const stale = socket.of('join')[0]?.at(-1) as (res: unknown) => void;
    socket.ack('join', { ok: false, error: 'ERR_RATE_LIMITED', message: 'slow down' });
    stale(joinOk());
    expect(session.status).toBe('reconnecting');
    expect(h.meshes).toHaveLength(0);
  });
});

describe('ClientSession reconnect limit', () => {
  it('gives up after maxReconnectAttempts failures in a row: failed, ERR_UNREACHABLE', async () => {
    const { session, statuses } = h.session({ maxReconnectAttempts: 2 });
    const done = session.join(joinOptions);
    const socket = h.socket();
    socket.fire('connect_error', new Error('xhr poll error'));
    h.clock.advance(100);
    socket.fire('connect_error', new Error('xhr poll error'));
    h.clock.advance(200);
    socket.fire('connect_error', new Error('xhr poll error'));
    await expect(done).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
    expect(statuses.map((s) => s.status)).toEqual([
      'connecting',
      'reconnecting',
      'reconnecting',
      'failed',
    ]);
    expect(statuses.at(-1)).toMatchObject({
      status: 'failed',
      error: 'ERR_UNREACHABLE',
      attempt: 2,
    });
    expect(socket.connectCalls).toBe(3);
    expect(h.clock.pending).toBe(0);
  });

  it('a joined session that cannot get back fails with the last refusal and closes its mesh', async () => {
    const { session, statuses, socket, mesh } = await h.joined({ maxReconnectAttempts: 1 });
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', { ok: false, error: 'ERR_RATE_LIMITED', message: 'slow down' });
    expect(session.status).toBe('failed');
    expect(statuses.at(-1)).toMatchObject({ error: 'ERR_RATE_LIMITED', attempt: 1 });
    expect(mesh.closed).toBe(1);
  });

  it('an accepted join starts the count again', async () => {
    const { session, socket } = await h.joined({ maxReconnectAttempts: 1 });
    for (let i = 0; i < 3; i++) {
      socket.serverDrop();
      h.clock.advance(100);
      socket.serverConnect();
      socket.ack('join', joinOk({ resumed: true }));
    }
    expect(session.status).toBe('joined');
  });

  it('a bad limit is misuse and throws at once', () => {
    expect(() => h.session({ maxReconnectAttempts: -1 })).toThrow(RangeError);
  });
});

describe('ClientSession stats', () => {
  const sample: LinkStats[] = [linkStats(OTHER)];

  it('delivers nothing before a join, then every sample of the controller', async () => {
    const { session } = h.session();
    const seen: Array<readonly LinkStats[]> = [];
    session.subscribeStats((s) => seen.push(s));
    const done = session.join(joinOptions);
    h.socket().serverConnect();
    await h.socket().ackJoin(joinOk());
    await done;
    const mesh = h.meshes[0];
    expect(mesh?.stats.listeners.size).toBe(1);
    mesh?.stats.sample(sample);
    expect(seen).toEqual([sample]);
  });

  it('follows a rebuilt mesh and lets go of the old one', async () => {
    const { session, socket, mesh } = await h.joined();
    const seen: Array<readonly LinkStats[]> = [];
    session.subscribeStats((s) => seen.push(s));
    socket.serverDrop();
    h.clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ selfId: 'self-peer-9' }));
    const next = h.meshes[1];
    expect(mesh.stats.listeners.size).toBe(0);
    expect(next?.stats.listeners.size).toBe(1);
    mesh.stats.sample([linkStats('gone')]);
    next?.stats.sample(sample);
    expect(seen).toEqual([sample]);
  });

  it('holds one sampler subscription for all its listeners, only while it has any', async () => {
    const { session, mesh } = await h.joined();
    const a = session.subscribeStats(() => {});
    const b = session.subscribeStats(() => {});
    expect(mesh.stats.listeners.size).toBe(1);
    a();
    a();
    expect(mesh.stats.listeners.size).toBe(1);
    b();
    expect(mesh.stats.listeners.size).toBe(0);
  });

  it('close() detaches every stats listener', async () => {
    const { session, mesh } = await h.joined();
    const seen: unknown[] = [];
    session.subscribeStats((s) => seen.push(s));
    session.close();
    mesh.stats.sample(sample);
    expect(mesh.stats.listeners.size).toBe(0);
    expect(seen).toEqual([]);
  });
});
