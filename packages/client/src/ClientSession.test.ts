import type {
  Clock,
  Logger,
  MeshControllerApi,
  MeshControllerOptions,
  MeshEvents,
} from '@meshwork/mesh/runtime';
import {
  type JoinOk,
  type JoinRequest,
  type PeerPlan,
  PROTOCOL_VERSION,
  type RoomSnapshot,
} from '@meshwork/protocol';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// --- fakes --------------------------------------------------------------------------------

type Handler = (...args: never[]) => void;

/** A stand-in for a socket.io-client socket: records emits, lets the test play the server. */
class FakeSocket {
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly handlers = new Map<string, Set<Handler>>();
  readonly sent: Array<{ event: string; args: unknown[] }> = [];

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  emit(event: string, ...args: unknown[]): this {
    this.sent.push({ event, args });
    return this;
  }
  connect(): this {
    this.connectCalls++;
    return this;
  }
  disconnect(): this {
    this.disconnectCalls++;
    this.connected = false;
    return this;
  }
  /** The server side: fire a client-side event. */
  fire(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
  serverConnect(): void {
    this.connected = true;
    this.fire('connect');
  }
  serverDrop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  /** Emits of `event` so far. */
  of(event: string): unknown[][] {
    return this.sent.filter((s) => s.event === event).map((s) => s.args);
  }
  /** Answers the latest emit of `event` through its ack. */
  ack(event: string, res: unknown): void {
    const args = this.of(event).at(-1);
    const cb = args?.at(-1);
    if (typeof cb !== 'function') throw new Error(`no pending ${event}`);
    cb(res);
  }
}

const sockets: FakeSocket[] = [];
vi.mock('socket.io-client', () => ({
  io: () => {
    const s = new FakeSocket();
    sockets.push(s);
    return s;
  },
}));
vi.mock('@meshwork/mesh/runtime', () => ({
  MeshController: class {
    constructor() {
      throw new Error('tests inject createMesh');
    }
  },
}));

const { ClientSession } = await import('./ClientSession');
const { SessionError } = await import('./errors');

class FakeMesh implements MeshControllerApi {
  readonly options: MeshControllerOptions;
  readonly calls: Array<[string, ...unknown[]]> = [];
  readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  closed = 0;
  constructor(options: MeshControllerOptions) {
    this.options = options;
  }
  setLocalStream(key: string, stream: MediaStream | null) {
    this.calls.push(['setLocalStream', key, stream]);
  }
  applyPlan(plan: PeerPlan) {
    this.calls.push(['applyPlan', plan.version]);
  }
  commitPlan(version: number) {
    this.calls.push(['commitPlan', version]);
  }
  handleSignal(from: string, epoch: number, signal: unknown) {
    this.calls.push(['handleSignal', from, epoch, signal]);
  }
  sendChat(text: string) {
    return { id: 'x:1', origin: this.options.selfId, text, sentAt: 0 };
  }
  async sendFile() {
    return { transferId: 't' };
  }
  async getStats() {
    return [];
  }
  on<E extends keyof MeshEvents>(event: E, listener: (p: MeshEvents[E]) => void) {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (p: unknown) => void);
    return () => set.delete(listener as (p: unknown) => void);
  }
  fire<E extends keyof MeshEvents>(event: E, payload: MeshEvents[E]) {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
  close() {
    this.closed++;
  }
}

/** A manual clock: timers run only when the test advances time. */
class ManualClock implements Clock {
  t = 0;
  timers = new Map<number, { at: number; fn: () => void }>();
  next = 1;
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers.delete(handle as number);
  }
  advance(ms: number) {
    this.t += ms;
    for (const [id, timer] of [...this.timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= this.t && this.timers.has(id)) {
        this.timers.delete(id);
        timer.fn();
      }
    }
  }
}

const SELF = 'self-peer-1';
const OTHER = 'other-peer-2';

function plan(version: number, topology: PeerPlan['topology'] = 'mesh'): PeerPlan {
  return {
    version,
    topology,
    hub: null,
    self: SELF,
    order: [OTHER, SELF],
    edges: [[OTHER, SELF]],
    links: [{ peer: OTHER, epoch: version, offerer: false, polite: true }],
    receive: [{ origin: OTHER, from: OTHER, path: [OTHER, SELF] }],
    forward: [{ origin: SELF, to: OTHER, from: null }],
  };
}

const snapshot: RoomSnapshot = {
  roomId: 'demo',
  settings: { topology: 'mesh', hubPreference: null },
  passwordProtected: false,
  maxPeers: 16,
  peers: [
    {
      id: OTHER,
      displayName: 'Other',
      joinedAt: 1,
      media: { audio: true, video: true, screen: false },
      capacity: {},
      connected: true,
    },
  ],
  links: [],
};

function joinOk(overrides: Partial<JoinOk> = {}): { ok: true } & JoinOk {
  return {
    ok: true,
    selfId: SELF,
    resumeToken: 'token-1',
    resumed: false,
    room: snapshot,
    plan: plan(1),
    iceServers: [],
    ...overrides,
  };
}

let clock: ManualClock;
let meshes: FakeMesh[];

/** Log lines of the session, as `level message`. */
let logs: Array<{ level: string; msg: string; data?: Record<string, unknown> }>;

function recordingLogger(): Logger {
  const at =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      logs.push(data === undefined ? { level, msg } : { level, msg, data });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

function makeSession() {
  const session = new ClientSession({
    url: 'http://signal.test',
    logger: recordingLogger(),
    createPeerConnection: () => {
      throw new Error('not used');
    },
    clock,
    random: () => 0.5,
    reconnectDelayMs: { min: 100, max: 1_000 },
    createMesh: (options) => {
      const m = new FakeMesh(options);
      meshes.push(m);
      return m;
    },
  });
  const statuses: Array<Record<string, unknown>> = [];
  session.on('statusChanged', (s) => statuses.push({ ...s }));
  return { session, statuses };
}

const joinOptions = {
  roomId: 'demo',
  displayName: 'Me',
  media: { audio: true, video: true, screen: false },
};

async function joined() {
  const { session, statuses } = makeSession();
  const done = session.join(joinOptions);
  const socket = sockets.at(-1) as FakeSocket;
  socket.serverConnect();
  socket.ack('join', joinOk());
  await done;
  return { session, statuses, socket, mesh: meshes.at(-1) as FakeMesh };
}

beforeEach(() => {
  logs = [];
  sockets.length = 0;
  clock = new ManualClock();
  meshes = [];
});

// --- tests --------------------------------------------------------------------------------

describe('ClientSession join', () => {
  it('joins with the protocol version and builds one mesh from the ack', async () => {
    const { session, statuses, socket, mesh } = await joined();
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

  it('media changed while the join is in flight reaches the room once joined', async () => {
    const { session } = makeSession();
    const done = session.join(joinOptions);
    const socket = sockets.at(-1) as FakeSocket;
    socket.serverConnect();
    // The camera is turned off after the join request left, before the server answered.
    session.updateMedia({ video: false });
    expect(socket.of('updatePeer')).toEqual([]);
    const self = {
      id: SELF,
      displayName: 'Me',
      joinedAt: 2,
      media: { audio: true, video: true, screen: false },
      capacity: {},
      connected: true,
    };
    socket.ack('join', joinOk({ room: { ...snapshot, peers: [...snapshot.peers, self] } }));
    await done;
    expect(socket.of('updatePeer').map((args) => args[0])).toEqual([
      { media: { audio: true, video: false, screen: false } },
    ]);
  });

  it('sends no media update when the room already has the current flags', async () => {
    const { socket } = await joined();
    expect(socket.of('updatePeer')).toEqual([]);
  });

  it.each(['ERR_ROOM_FULL', 'ERR_AUTH_FAILED', 'ERR_PROTOCOL_VERSION'] as const)(
    'a %s refusal fails the session and rejects join()',
    async (error) => {
      const { session, statuses } = makeSession();
      const done = session.join(joinOptions);
      const socket = sockets.at(-1) as FakeSocket;
      socket.serverConnect();
      socket.ack('join', { ok: false, error, message: 'no' });
      await expect(done).rejects.toMatchObject({ code: error });
      expect(session.status).toBe('failed');
      expect(statuses.at(-1)).toMatchObject({ status: 'failed', error });
      expect(socket.disconnectCalls).toBe(1);
    },
  );

  it('an unreachable server means reconnecting with growing, visible backoff', async () => {
    const { session, statuses } = makeSession();
    const done = session.join(joinOptions);
    const socket = sockets.at(-1) as FakeSocket;
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(statuses.at(-1)).toMatchObject({
      status: 'reconnecting',
      error: 'ERR_UNREACHABLE',
      attempt: 1,
      retryInMs: 100,
    });
    expect(socket.connectCalls).toBe(1);
    clock.advance(100);
    expect(socket.connectCalls).toBe(2);
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(statuses.at(-1)).toMatchObject({ attempt: 2, retryInMs: 200 });
    clock.advance(200);
    socket.serverConnect();
    socket.ack('join', joinOk());
    await done;
    expect(session.status).toBe('joined');
    session.close();
  });

  it('a join without an answer is retried', async () => {
    const { session, statuses } = makeSession();
    const done = session.join(joinOptions);
    const socket = sockets.at(-1) as FakeSocket;
    socket.serverConnect();
    clock.advance(10_000);
    expect(statuses.at(-1)).toMatchObject({ status: 'reconnecting', error: 'ERR_UNREACHABLE' });
    session.close();
    await expect(done).rejects.toMatchObject({ code: 'ERR_CLOSED' });
  });

  it('join() twice is misuse', async () => {
    const { session } = await joined();
    expect(() => session.join(joinOptions)).toThrow();
  });
});

describe('ClientSession wiring', () => {
  it('relays signals both ways and passes mesh events through', async () => {
    const { session, socket, mesh } = await joined();
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
    const { session, socket, mesh } = await joined();
    const calls = mesh.calls.length;
    const message = 'The current plan does not link you to that peer.';
    socket.fire('signalRejected', { to: OTHER, epoch: 1, error: 'ERR_NOT_LINKED', message });
    socket.fire('signalRejected', { to: OTHER, epoch: 1, error: 'ERR_INTERNAL', message: 'x' });
    expect(logs.filter((l) => l.msg === 'signal not relayed')).toEqual([
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
    const { session, socket, mesh } = await joined();
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
    const { session, socket } = await joined();
    const views: unknown[] = [];
    session.on('roomChanged', (v) => views.push(v));
    const before = session.room;
    socket.fire('settingsChanged', { topology: 'ring', hubPreference: null });
    socket.fire('peerLeft', { peerId: OTHER, reason: 'left' });
    expect(views).toHaveLength(2);
    expect(session.room).not.toBe(before);
    expect(before?.settings.topology).toBe('mesh');
    expect(session.room?.settings.topology).toBe('ring');
    expect(session.room?.peers).toEqual([]);
  });

  it('rejects refused actions with the coded error', async () => {
    const { session, socket } = await joined();
    const done = session.setTopology('star');
    socket.ack('setTopology', { ok: false, error: 'ERR_RATE_LIMITED', message: 'slow down' });
    await expect(done).rejects.toBeInstanceOf(SessionError);
    await expect(done).rejects.toMatchObject({ code: 'ERR_RATE_LIMITED' });
    const ok = session.setHub(OTHER);
    socket.ack('setHub', { ok: true, version: 3 });
    await expect(ok).resolves.toBeUndefined();
  });

  it('sets local streams on the mesh and tells the room the media flags', async () => {
    const { session, socket, mesh } = await joined();
    const stream = {
      getAudioTracks: () => [],
      getVideoTracks: () => [{}],
    } as unknown as MediaStream;
    session.setLocalStream('cam', stream);
    expect(mesh.calls).toContainEqual(['setLocalStream', 'cam', stream]);
    expect(socket.of('updatePeer')[0]?.[0]).toEqual({ media: { audio: false, video: true } });
  });
});

describe('ClientSession resume', () => {
  it('re-joins with the token and hints and keeps the same mesh', async () => {
    const { session, statuses, socket, mesh } = await joined();
    socket.fire('planPrepared', plan(4, 'ring'));
    socket.fire('settingsChanged', { topology: 'ring', hubPreference: null });
    socket.serverDrop();
    expect(statuses.at(-1)).toMatchObject({ status: 'reconnecting', reason: 'transport close' });
    // Signals produced while away are queued, not lost.
    mesh.fire('signalProduced', { to: OTHER, epoch: 4, signal: { type: 'ice-restart' } });
    expect(socket.of('signal')).toHaveLength(0);
    clock.advance(100);
    socket.serverConnect();
    const req = socket.of('join')[1]?.[0] as JoinRequest;
    expect(req.resumeToken).toBe('token-1');
    expect(req.resume).toEqual({
      planVersion: 4,
      topology: 'ring',
      hubPreference: null,
      peers: [{ id: 'other-peer-2', joinedAt: 1, displayName: 'Other' }],
      links: [{ peer: 'other-peer-2', epoch: 4 }],
    });
    socket.ack('join', joinOk({ resumed: true, plan: plan(4, 'ring'), resumeToken: 'token-2' }));
    expect(session.status).toBe('joined');
    expect(meshes).toHaveLength(1);
    expect(mesh.closed).toBe(0);
    expect(socket.of('signal')).toHaveLength(1);
    socket.serverDrop();
    clock.advance(100);
    socket.serverConnect();
    expect(socket.of('join')[2]?.[0]).toMatchObject({ resumeToken: 'token-2' });
  });

  it('rebuilds the mesh when the identity was not restored', async () => {
    const { socket, mesh } = await joined();
    socket.serverDrop();
    clock.advance(100);
    socket.serverConnect();
    socket.ack('join', joinOk({ selfId: 'self-peer-9', resumed: false }));
    expect(mesh.closed).toBe(1);
    expect(meshes).toHaveLength(2);
    expect(meshes[1]?.options.selfId).toBe('self-peer-9');
  });

  it('rejects actions pending when the connection drops', async () => {
    const { session, socket } = await joined();
    const done = session.setTopology('ring');
    socket.serverDrop();
    await expect(done).rejects.toMatchObject({ code: 'ERR_UNREACHABLE' });
    await expect(session.setTopology('ring')).rejects.toMatchObject({ code: 'ERR_NOT_JOINED' });
  });
});

describe('ClientSession close', () => {
  it('leave() tells the room, closes the mesh then the socket, and is idempotent', async () => {
    const { session, statuses, socket, mesh } = await joined();
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

  it('close() during reconnect stops retrying and rejects join()', async () => {
    const { session } = makeSession();
    const done = session.join(joinOptions);
    const socket = sockets.at(-1) as FakeSocket;
    socket.fire('connect_error', new Error('refused'));
    session.close();
    await expect(done).rejects.toMatchObject({ code: 'ERR_CLOSED' });
    expect(clock.timers.size).toBe(0);
    expect(socket.connectCalls).toBe(1);
  });
});
