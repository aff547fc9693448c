import type { JoinRequest } from '@meshwork/protocol';
import { PROTOCOL_VERSION } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionError } from './errors';
import { SOCKET_OPTIONS } from './SignalConnection';
import {
  fakeStream,
  joinOk,
  joinOptions,
  OTHER,
  plan,
  SELF,
  selfPeer,
  settings,
  snapshot,
} from './testing/fixtures';
import { createHarness, type Harness } from './testing/harness';

let h: Harness;

beforeEach(() => {
  h = createHarness();
});

describe('ClientSession join', () => {
  it('joins with the protocol version and builds one mesh from the ack', async () => {
    const { session, statuses, socket, mesh } = await h.joined();
    const req = socket.of('join')[0]?.[0] as JoinRequest;
    expect(req).toMatchObject({
      protocolVersion: PROTOCOL_VERSION,
      roomId: 'demo',
      displayName: 'Me',
    });
    expect(req.resumeToken).toBeUndefined();
    expect(mesh.options.selfId).toBe(SELF);
    expect(mesh.calls).toContainEqual(['applyPlan', 1]);
    expect(session.status).toBe('joined');
    expect(session.room?.peers.map((p) => p.id)).toEqual([OTHER]);
    expect(statuses.map((s) => s.status)).toEqual(['connecting', 'joined']);
  });

  it('opens its socket through the injected connect, with its own reconnecting off', async () => {
    const { socket } = await h.joined();
    expect(h.sockets).toHaveLength(1);
    expect(socket.url).toBe('http://signal.test');
    expect(socket.options).toEqual(SOCKET_OPTIONS);
    expect(socket.options).toMatchObject({ autoConnect: false, reconnection: false });
  });

  it('passes the injected platform through to the mesh controller', async () => {
    const createMediaStream = (tracks: MediaStreamTrack[]) => ({ tracks }) as never;
    const { mesh } = await h.joined({ createMediaStream });
    expect(mesh.options.createMediaStream).toBe(createMediaStream);
    expect(mesh.options.clock).toBe(h.clock);
    expect(mesh.options.iceServers).toEqual([]);
  });

  it('media changed while the join is in flight reaches the room once joined', async () => {
    const { session } = h.session();
    const done = session.join(joinOptions);
    const socket = h.socket();
    socket.serverConnect();
    await socket.sentTimes('join');
    // The camera is turned off after the join request left, before the server answered.
    session.updateMedia({ video: false });
    expect(socket.of('updatePeer')).toEqual([]);
    const self = selfPeer({ audio: true, video: true, screen: false });
    socket.ack('join', joinOk({ room: { ...snapshot, peers: [...snapshot.peers, self] } }));
    await done;
    expect(socket.of('updatePeer').map((args) => args[0])).toEqual([
      { media: { audio: true, video: false, screen: false } },
    ]);
  });

  it('sends no media update when the room already has the current flags', async () => {
    const { socket } = await h.joined();
    expect(socket.of('updatePeer')).toEqual([]);
  });

  it.each([
    'ERR_ROOM_FULL',
    'ERR_AUTH_FAILED',
    'ERR_PROTOCOL_VERSION',
    'ERR_ROOM_LOCKED',
    'ERR_HUB_AUTH',
    'ERR_NO_PASSWORD',
  ] as const)('a %s refusal fails the session and rejects join()', async (error) => {
    const { session, statuses } = h.session();
    const done = session.join(joinOptions);
    const socket = h.socket();
    socket.serverConnect();
    await socket.ackJoin({ ok: false, error, message: 'no' });
    await expect(done).rejects.toMatchObject({ code: error });
    expect(session.status).toBe('failed');
    expect(statuses.at(-1)).toMatchObject({ status: 'failed', error });
    expect(socket.disconnectCalls).toBe(1);
  });

  it('a connect error carrying a fatal code fails at once', async () => {
    const { session, statuses } = h.session();
    const done = session.join(joinOptions);
    h.socket().fire('connect_error', new Error('ERR_ORIGIN_NOT_ALLOWED'));
    await expect(done).rejects.toMatchObject({ code: 'ERR_ORIGIN_NOT_ALLOWED' });
    expect(statuses.at(-1)).toMatchObject({ status: 'failed', error: 'ERR_ORIGIN_NOT_ALLOWED' });
    expect(h.clock.pending).toBe(0);
  });

  it('an unreachable server means reconnecting with growing, visible backoff', async () => {
    const { session, statuses } = h.session();
    const done = session.join(joinOptions);
    const socket = h.socket();
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(statuses.at(-1)).toMatchObject({
      status: 'reconnecting',
      error: 'ERR_UNREACHABLE',
      attempt: 1,
      retryInMs: 100,
    });
    expect(socket.connectCalls).toBe(1);
    h.clock.advance(100);
    expect(socket.connectCalls).toBe(2);
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(statuses.at(-1)).toMatchObject({ attempt: 2, retryInMs: 200 });
    h.clock.advance(200);
    socket.serverConnect();
    await socket.ackJoin(joinOk());
    await done;
    expect(session.status).toBe('joined');
    session.close();
  });

  it('a join without an answer is retried', async () => {
    const { session, statuses } = h.session();
    const done = session.join(joinOptions);
    const socket = h.socket();
    socket.serverConnect();
    await socket.sentTimes('join');
    h.clock.advance(10_000);
    expect(statuses.at(-1)).toMatchObject({ status: 'reconnecting', error: 'ERR_UNREACHABLE' });
    session.close();
    await expect(done).rejects.toMatchObject({ code: 'ERR_CLOSED' });
  });

  it('join() twice is misuse', async () => {
    const { session } = await h.joined();
    expect(() => session.join(joinOptions)).toThrow();
  });
});

describe('ClientSession wiring', () => {
  it('relays signals both ways and passes mesh events through', async () => {
    const { session, socket, mesh } = await h.joined();
    const signal = { type: 'ice-restart' } as const;
    mesh.fire('signalProduced', { to: OTHER, epoch: 1, signal });
    // [P3] Fire-and-forget: the request alone, no ack callback.
    expect(socket.of('signal')).toEqual([[{ to: OTHER, epoch: 1, signal }]]);
    socket.fire('signal', { from: OTHER, epoch: 1, signal });
    expect(mesh.calls).toContainEqual(['handleSignal', OTHER, 1, signal]);

    const seen: unknown[] = [];
    session.on('linkStateChanged', (e) => seen.push(e));
    mesh.fire('linkStateChanged', { peer: OTHER, status: 'connected' });
    expect(seen).toEqual([{ peer: OTHER, status: 'connected' }]);
  });

  it('[P3] logs a refused signal with its code and changes nothing', async () => {
    const { session, socket, mesh } = await h.joined();
    const calls = mesh.calls.length;
    const message = 'The current plan does not link you to that peer.';
    socket.fire('signalRejected', { to: OTHER, epoch: 1, error: 'ERR_NOT_LINKED', message });
    socket.fire('signalRejected', { to: OTHER, epoch: 1, error: 'ERR_INTERNAL', message: 'x' });
    expect(h.logs.filter((l) => l.msg === 'signal not relayed')).toEqual([
      {
        level: 'debug',
        msg: 'signal not relayed',
        data: { to: OTHER, epoch: 1, error: 'ERR_NOT_LINKED' },
      },
      {
        level: 'warn',
        msg: 'signal not relayed',
        data: { to: OTHER, epoch: 1, error: 'ERR_INTERNAL', message: 'x' },
      },
    ]);
    expect(mesh.calls).toHaveLength(calls);
    expect(session.status).toBe('joined');
  });

  it('runs the two plan phases and reports readiness and links', async () => {
    const { session, socket, mesh } = await h.joined();
    const changes: unknown[] = [];
    session.on('planChanged', (c) => changes.push([c.plan.version, c.committed]));
    socket.fire('planPrepared', plan(2, 'star'));
    expect(mesh.calls).toContainEqual(['applyPlan', 2]);
    socket.fire('planPrepared', plan(1)); // stale: ignored
    mesh.fire('planReady', { version: 2 });
    expect(socket.of('planReady')[0]?.[0]).toEqual({ version: 2 });
    socket.fire('planCommitted', { version: 2 });
    expect(mesh.calls).toContainEqual(['commitPlan', 2]);
    expect(changes).toEqual([
      [2, false],
      [2, true],
    ]);
    mesh.fire('linksReported', { links: [{ peer: OTHER, state: 'failed' }] });
    expect(socket.of('reportLinks')[0]?.[0]).toEqual({ links: [{ peer: OTHER, state: 'failed' }] });
    expect(session.plan?.version).toBe(2);
  });

  it('replaces the room view on every change', async () => {
    const { session, socket } = await h.joined();
    const views: unknown[] = [];
    session.on('roomChanged', (v) => views.push(v));
    const before = session.room;
    socket.fire('settingsChanged', settings({ topology: 'ring' }));
    socket.fire('peerLeft', { peerId: OTHER, reason: 'left' });
    expect(views).toHaveLength(2);
    expect(session.room).not.toBe(before);
    expect(before?.settings.topology).toBe('mesh');
    expect(session.room?.settings.topology).toBe('ring');
    expect(session.room?.peers).toEqual([]);
  });

  it('rejects refused actions with the coded error', async () => {
    const { session, socket } = await h.joined();
    const done = session.setTopology('star');
    socket.ack('setTopology', { ok: false, error: 'ERR_RATE_LIMITED', message: 'slow down' });
    await expect(done).rejects.toBeInstanceOf(SessionError);
    await expect(done).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
    const ok = session.setHub(OTHER);
    socket.ack('setHub', { ok: true, version: 3 });
    await expect(ok).resolves.toBeUndefined();
  });

  it('an action without an answer rejects with ERR_TIMEOUT at the deadline', async () => {
    const { session } = await h.joined();
    const done = session.reportLinks([{ peer: OTHER, state: 'failed' }]);
    h.clock.advance(10_000);
    await expect(done).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
  });

  it('sets local streams on the mesh and tells the room the media flags', async () => {
    const { session, socket, mesh } = await h.joined();
    const stream = {
      getAudioTracks: () => [],
      getVideoTracks: () => [{}],
    } as unknown as MediaStream;
    session.setLocalStream('cam', stream);
    expect(mesh.calls).toContainEqual(['setLocalStream', 'cam', stream]);
    expect(socket.of('updatePeer')[0]?.[0]).toEqual({ media: { audio: false, video: true } });
  });

  it('a camera change while muted sends one updatePeer, with the right flags', async () => {
    const { session, socket } = await h.joined();
    // The microphone is on and the camera off, then the person mutes: the track stays, disabled.
    session.setLocalStream('cam', fakeStream([{ kind: 'audio' }]));
    session.updateMedia({ audio: false });
    const before = socket.of('updatePeer').length;
    // The camera comes on: the app hands over a new `cam` stream and restates its flags.
    session.setLocalStream(
      'cam',
      fakeStream([{ kind: 'audio', enabled: false }, { kind: 'video' }]),
    );
    session.updateMedia({ audio: false, video: true });
    expect(
      socket
        .of('updatePeer')
        .slice(before)
        .map((args) => args[0]),
    ).toEqual([{ media: { audio: false, video: true } }]);
  });
});

describe('ClientSession close', () => {
  it('leave() tells the room, closes the mesh then the socket, and is idempotent', async () => {
    const { session, statuses, socket, mesh } = await h.joined();
    const first = session.leave();
    const second = session.leave();
    socket.ack('leave', { ok: true });
    await Promise.all([first, second]);
    session.close();
    expect(socket.of('leave')).toHaveLength(1);
    expect(mesh.closed).toBe(1);
    expect(socket.disconnectCalls).toBe(1);
    expect(session.status).toBe('left');
    expect(statuses.filter((s) => s.status === 'left')).toHaveLength(1);
  });

  it('leave() disposes every mesh listener before closing the mesh', async () => {
    const { session, socket, mesh } = await h.joined();
    expect(mesh.listenerTotal()).toBeGreaterThan(0);
    const done = session.leave();
    socket.ack('leave', { ok: true });
    await done;
    expect(mesh.listenerTotal()).toBe(0);
    expect(session.mesh).toBeNull();
  });

  it('leave() waits at most LEAVE_TIMEOUT_MS for its ack', async () => {
    const { session, mesh } = await h.joined();
    const done = session.leave();
    h.clock.advance(2_000);
    await done;
    expect(mesh.closed).toBe(1);
    expect(session.status).toBe('left');
  });

  it('close() during reconnect stops retrying and rejects join()', async () => {
    const { session } = h.session();
    const done = session.join(joinOptions);
    const socket = h.socket();
    socket.fire('connect_error', new Error('refused'));
    session.close();
    await expect(done).rejects.toMatchObject({ code: 'ERR_CLOSED' });
    expect(h.clock.pending).toBe(0);
    expect(socket.connectCalls).toBe(1);
  });
});
