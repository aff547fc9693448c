import {
  type ChatMessage,
  type Clock,
  type LinkStats,
  type Logger,
  MeshController,
  type MeshControllerApi,
  type MeshControllerOptions,
  type MeshEvents,
} from '@meshwork/mesh/runtime';
import {
  type ClientToServerEvents,
  type ErrorCode,
  isErrorCode,
  type JoinOk,
  type JoinRequest,
  type JoinResult,
  type LinkReport,
  type MediaFlags,
  type PeerId,
  type PeerPlan,
  PROTOCOL_VERSION,
  type Result,
  type ServerToClientEvents,
  type Signal,
  type Topology,
} from '@meshwork/protocol';
import { io, type Socket } from 'socket.io-client';
import { type BackoffBounds, backoffDelay, DEFAULT_RECONNECT_DELAY_MS } from './backoff';
import { Emitter } from './emitter';
import { FATAL_JOIN_ERRORS, SessionError, type SessionErrorCode } from './errors';
import { resumeHints } from './resumeHints';
import { type RoomChange, reduceRoomView, roomViewFromSnapshot } from './roomView';
import type {
  ClientSessionApi,
  ClientSessionOptions,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
} from './types';

/** Deadline for an ack from the signal app. */
export const ACK_TIMEOUT_MS = 10_000;
/** Deadline for the `leave` ack; leaving never waits longer than this. */
export const LEAVE_TIMEOUT_MS = 2_000;
/** Signals produced while the socket is down are kept (newest last) up to this many. */
export const MAX_QUEUED_SIGNALS = 1_000;

/** The typed Socket.IO client socket. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// Every mesh event, passed through to session listeners. `satisfies` keeps the list exhaustive.
const MESH_EVENTS = Object.keys({
  signalProduced: true,
  planReady: true,
  linksReported: true,
  remoteStreamChanged: true,
  remoteStreamRemoved: true,
  linkStateChanged: true,
  chatReceived: true,
  fileProgressed: true,
  fileReceived: true,
  errorRaised: true,
} satisfies Record<keyof MeshEvents, true>) as (keyof MeshEvents)[];

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

interface PendingCall {
  reject(err: SessionError): void;
}

/**
 * A person's (or bot's) session in one room: the Socket.IO connection to the signal app glued
 * to one MeshController. Reconnects with visible backoff and resumes its identity, keeping the
 * same MeshController so peer-to-peer media survives a signal app restart.
 */
export class ClientSession implements ClientSessionApi {
  readonly #options: ClientSessionOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #backoff: BackoffBounds;
  readonly #emitter: Emitter<SessionEvents>;

  #status: SessionStatus = 'idle';
  #socket: ClientSocket | null = null;
  #mesh: MeshControllerApi | null = null;
  #meshDisposers: Array<() => void> = [];
  #joinOptions: JoinOptions | null = null;
  #media: MediaFlags = { audio: false, video: false, screen: false };
  #localStreams = new Map<string, MediaStream>();
  #room: RoomView | null = null;
  #plan: PeerPlan | null = null;
  #selfId: PeerId | null = null;
  #resumeToken: string | null = null;

  /** True once the current socket connection has an accepted join. */
  #joined = false;
  /** Bumped on every connection attempt, so late acks of an older connection are ignored. */
  #generation = 0;
  #attempt = 0;
  #reconnectTimer: unknown = null;
  #closed = false;
  #leaving: Promise<void> | null = null;
  #joinWaiter: { resolve(): void; reject(err: SessionError): void } | null = null;
  #pending = new Set<PendingCall>();
  /** Server events received while a join is in flight; handled once it is accepted. */
  #held: Array<() => void> = [];
  /** Signals the mesh produced while no joined socket could carry them. */
  #outbox: Array<MeshEvents['signalProduced']> = [];
  #lastLinkReport: LinkReport[] | null = null;
  #lastReady: number | null = null;

  constructor(options: ClientSessionOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    this.#logger = (options.logger ?? silentLogger).child('session');
    this.#backoff = options.reconnectDelayMs ?? DEFAULT_RECONNECT_DELAY_MS;
    this.#emitter = new Emitter<SessionEvents>(this.#logger);
  }

  /** Where the session is. */
  get status(): SessionStatus {
    return this.#status;
  }

  /** The room as last announced, or null before the first join. */
  get room(): RoomView | null {
    return this.#room;
  }

  /** The latest plan this peer was given, or null before the first join. */
  get plan(): PeerPlan | null {
    return this.#plan;
  }

  /** This peer's id in the room, or null before the first join. */
  get selfId(): PeerId | null {
    return this.#selfId;
  }

  /** The mesh controller (for stats), or null before the first join and after close. */
  get mesh(): MeshControllerApi | null {
    return this.#mesh;
  }

  on<E extends keyof SessionEvents>(
    event: E,
    listener: (payload: SessionEvents[E]) => void,
  ): () => void {
    return this.#emitter.on(event, listener);
  }

  /**
   * Connects and joins. Resolves once joined; rejects with a SessionError if the server refuses
   * for good (the status is then `failed`) or the session is closed first. While the server is
   * unreachable the promise stays pending and the status says `reconnecting`.
   */
  join(options: JoinOptions): Promise<void> {
    if (this.#closed) return Promise.reject(new SessionError('ERR_CLOSED'));
    if (this.#status !== 'idle') throw new Error('join() may be called once per session');
    this.#joinOptions = options;
    this.#media = { ...this.#media, ...options.media };
    const promise = new Promise<void>((resolve, reject) => {
      this.#joinWaiter = { resolve, reject };
    });
    this.#setStatus({ status: 'connecting' });
    const socket: ClientSocket = io(this.#options.url, {
      autoConnect: false,
      reconnection: false,
      transports: ['websocket'],
      forceNew: true,
    });
    this.#socket = socket;
    this.#wireSocket(socket);
    this.#connect();
    return promise;
  }

  /** Tells the room this peer leaves (bounded by LEAVE_TIMEOUT_MS), then closes. Idempotent. */
  leave(): Promise<void> {
    if (this.#leaving) return this.#leaving;
    this.#leaving = (async () => {
      const socket = this.#socket;
      if (!this.#closed && socket && this.#joined) {
        try {
          await this.#call<Result>(LEAVE_TIMEOUT_MS, (ack) => socket.emit('leave', ack));
        } catch (err) {
          this.#logger.debug('leave not acknowledged', { err: String(err) });
        }
      }
      this.close();
    })();
    return this.#leaving;
  }

  async setTopology(topology: Topology): Promise<void> {
    const socket = this.#requireJoined();
    const res = await this.#call<Result<{ version: number }>>(ACK_TIMEOUT_MS, (ack) =>
      socket.emit('setTopology', { topology }, ack),
    );
    if (!res.ok) throw new SessionError(res.error, res.message);
  }

  async setHub(hub: PeerId | null): Promise<void> {
    const socket = this.#requireJoined();
    const res = await this.#call<Result<{ version: number }>>(ACK_TIMEOUT_MS, (ack) =>
      socket.emit('setHub', { hub }, ack),
    );
    if (!res.ok) throw new SessionError(res.error, res.message);
  }

  /**
   * Reports link states to the signal app directly. The mesh reports its own links; this is for
   * tools and tests that force a route change (a link reported `failed` is routed around).
   */
  async reportLinks(links: LinkReport[]): Promise<void> {
    const socket = this.#requireJoined();
    const res = await this.#call<Result>(ACK_TIMEOUT_MS, (ack) =>
      socket.emit('reportLinks', { links }, ack),
    );
    if (!res.ok) throw new SessionError(res.error, res.message);
  }

  setLocalStream(key: string, stream: MediaStream | null): void {
    if (this.#closed) return;
    if (stream) this.#localStreams.set(key, stream);
    else this.#localStreams.delete(key);
    this.#mesh?.setLocalStream(key, stream);
    if (key === 'cam') {
      this.updateMedia({
        audio: (stream?.getAudioTracks().length ?? 0) > 0,
        video: (stream?.getVideoTracks().length ?? 0) > 0,
      });
    } else if (key === 'screen') {
      this.updateMedia({ screen: stream !== null });
    }
  }

  updateMedia(media: Partial<MediaFlags>): void {
    const next = { ...this.#media, ...media };
    if (sameMedia(next, this.#media)) return;
    this.#media = next;
    const socket = this.#socket;
    if (socket && this.#joined) {
      socket.emit('updatePeer', { media }, (res) => this.#logFailure('updatePeer', res));
    }
  }

  /** Per-link numbers for quality badges, read on demand. */
  async getStats(): Promise<LinkStats[]> {
    return this.#mesh ? this.#mesh.getStats() : [];
  }

  /** Sends a chat message to the room and returns it (with its id) for the local echo. */
  sendChat(text: string): ChatMessage {
    if (!this.#mesh) throw new Error('sendChat() before the session joined');
    return this.#mesh.sendChat(text);
  }

  async sendFile(file: { name: string; mimeType: string; data: Uint8Array }): Promise<void> {
    if (!this.#mesh) throw new SessionError('ERR_NOT_JOINED');
    await this.#mesh.sendFile(file);
  }

  /** Closes the mesh (every link), then the socket. Idempotent; the status becomes `left`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#teardown(new SessionError('ERR_CLOSED'));
    if (this.#status !== 'failed') this.#setStatus({ status: 'left' });
    this.#emitter.clear();
  }

  // --- connection -------------------------------------------------------------------------

  #wireSocket(socket: ClientSocket): void {
    socket.on('connect', () => this.#sendJoin(socket));
    socket.on('connect_error', (err: Error & { data?: unknown }) => {
      const code = errorCodeOf(err);
      if (code && FATAL_JOIN_ERRORS.has(code)) {
        this.#fail(code, err.message);
        return;
      }
      this.#logger.debug('connect failed', { err: err.message });
      this.#scheduleReconnect('ERR_UNREACHABLE', err.message);
    });
    socket.on('disconnect', (reason) => {
      if (this.#closed || reason === 'io client disconnect') return;
      this.#logger.info('disconnected', { reason });
      this.#lostConnection();
      this.#scheduleReconnect(undefined, reason);
    });

    socket.on('serverError', (event) => {
      this.#logger.warn('server error', { error: event.error, message: event.message });
      if (event.error === 'ERR_PROTOCOL_VERSION' || event.error === 'ERR_ORIGIN_NOT_ALLOWED') {
        this.#fail(event.error, event.message);
      }
    });
    socket.on('peerJoined', (peer) =>
      this.#whenJoined(() => this.#changeRoom({ type: 'peerJoined', peer })),
    );
    socket.on('peerUpdated', (peer) =>
      this.#whenJoined(() => this.#changeRoom({ type: 'peerUpdated', peer })),
    );
    socket.on('peerLeft', (event) =>
      this.#whenJoined(() => {
        this.#changeRoom({ type: 'peerLeft', peerId: event.peerId });
        this.#emitter.emit('peerLeft', { peerId: event.peerId, reason: event.reason });
      }),
    );
    socket.on('settingsChanged', (settings) =>
      this.#whenJoined(() => this.#changeRoom({ type: 'settingsChanged', settings })),
    );
    socket.on('linksChanged', (event) =>
      this.#whenJoined(() => this.#changeRoom({ type: 'linksChanged', links: event.links })),
    );
    socket.on('planPrepared', (plan) => this.#whenJoined(() => this.#preparePlan(plan, false)));
    socket.on('planCommitted', (event) =>
      this.#whenJoined(() => {
        const plan = this.#plan;
        if (!plan || plan.version !== event.version) {
          this.#logger.debug('commit of a plan not prepared here', { version: event.version });
        }
        this.#mesh?.commitPlan(event.version);
        if (plan && plan.version === event.version) {
          this.#emitter.emit('planChanged', { plan, committed: true });
        }
      }),
    );
    socket.on('signalRejected', (event) => {
      // Refusals of a link the plan just dropped are routine: the next plan renegotiates it.
      const routine = event.error === 'ERR_NOT_LINKED' || event.error === 'ERR_NOT_JOINED';
      const details = { to: event.to, epoch: event.epoch, error: event.error };
      if (routine) this.#logger.debug('signal not relayed', details);
      else this.#logger.warn('signal not relayed', { ...details, message: event.message });
    });
    socket.on('signal', (event) =>
      this.#whenJoined(() => this.#mesh?.handleSignal(event.from, event.epoch, event.signal)),
    );
  }

  #connect(): void {
    if (this.#closed || !this.#socket) return;
    this.#generation++;
    this.#socket.connect();
  }

  #sendJoin(socket: ClientSocket): void {
    const options = this.#joinOptions;
    if (this.#closed || !options) return;
    const generation = this.#generation;
    const req: JoinRequest = {
      protocolVersion: PROTOCOL_VERSION,
      roomId: options.roomId,
      displayName: options.displayName,
      media: this.#media,
    };
    if (options.password !== undefined) req.password = options.password;
    if (options.capacity !== undefined) req.capacity = options.capacity;
    if (this.#resumeToken !== null) {
      req.resumeToken = this.#resumeToken;
      if (this.#plan && this.#room) req.resume = resumeHints(this.#plan, this.#room);
    }
    this.#callback<JoinResult>(
      ACK_TIMEOUT_MS,
      (ack) => socket.emit('join', req, ack),
      (err, res) => {
        if (generation !== this.#generation || this.#closed) return;
        if (err || !res) {
          this.#logger.warn('join not acknowledged, reconnecting', { err: err?.message });
          this.#dropConnection();
          this.#scheduleReconnect('ERR_UNREACHABLE', err?.message ?? 'no answer');
        } else if (res.ok) {
          this.#onJoined(res);
        } else if (FATAL_JOIN_ERRORS.has(res.error)) {
          this.#fail(res.error, res.message);
        } else {
          this.#logger.warn('join refused, retrying', { error: res.error });
          this.#dropConnection();
          this.#scheduleReconnect(res.error, res.message);
        }
      },
    );
  }

  #onJoined(ok: JoinOk): void {
    const firstJoin = this.#selfId === null;
    if (this.#mesh && this.#selfId !== ok.selfId) {
      // The server did not restore our identity (grace period over): start a fresh mesh.
      this.#logger.warn('identity not resumed; rebuilding the mesh', {
        old: this.#selfId,
        new: ok.selfId,
      });
      this.#closeMesh();
      this.#outbox = [];
      this.#lastLinkReport = null;
      this.#lastReady = null;
    }
    this.#selfId = ok.selfId;
    this.#resumeToken = ok.resumeToken;
    this.#attempt = 0;
    this.#joined = true;
    if (!this.#mesh) this.#mesh = this.#createMesh(ok);

    this.#room = roomViewFromSnapshot(ok.room, ok.selfId);
    this.#emitter.emit('roomChanged', this.#room);
    this.#setStatus({ status: 'joined' });

    const socket = this.#socket;
    const known = ok.room.peers.find((p) => p.id === ok.selfId)?.media;
    if (socket && known && !sameMedia(known, this.#media)) {
      // Media changed while the join was in flight (a camera granted late): the room must know.
      socket.emit('updatePeer', { media: this.#media }, (res) =>
        this.#logFailure('updatePeer', res),
      );
    }
    if (socket && !firstJoin) {
      // Resuming: tell a possibly rebuilt room what this peer knows, then flush queued signals.
      if (this.#lastLinkReport) {
        socket.emit('reportLinks', { links: this.#lastLinkReport }, (res) =>
          this.#logFailure('reportLinks', res),
        );
      }
    }
    this.#preparePlan(ok.plan, true);
    if (this.#lastReady !== null && this.#lastReady === this.#plan?.version) {
      this.#sendReady(this.#lastReady);
    }
    const outbox = this.#outbox;
    this.#outbox = [];
    for (const s of outbox) this.#sendSignal(s.to, s.epoch, s.signal);
    const held = this.#held;
    this.#held = [];
    for (const handle of held) handle();

    const waiter = this.#joinWaiter;
    this.#joinWaiter = null;
    waiter?.resolve();
  }

  #createMesh(ok: JoinOk): MeshControllerApi {
    const options: MeshControllerOptions = {
      selfId: ok.selfId,
      createPeerConnection: this.#options.createPeerConnection,
      iceServers: ok.iceServers,
      clock: this.#clock,
      logger: this.#logger.child('mesh'),
    };
    const mesh = this.#options.createMesh
      ? this.#options.createMesh(options)
      : new MeshController(options);
    const d = this.#meshDisposers;
    d.push(mesh.on('signalProduced', (s) => this.#sendSignal(s.to, s.epoch, s.signal)));
    d.push(mesh.on('planReady', ({ version }) => this.#sendReady(version)));
    d.push(
      mesh.on('linksReported', ({ links }) => {
        this.#lastLinkReport = links;
        const socket = this.#socket;
        if (socket && this.#joined) {
          socket.emit('reportLinks', { links }, (res) => this.#logFailure('reportLinks', res));
        }
      }),
    );
    for (const event of MESH_EVENTS) {
      d.push(
        mesh.on(event, (payload) =>
          this.#emitter.emit(event, payload as SessionEvents[typeof event]),
        ),
      );
    }
    for (const [key, stream] of this.#localStreams) mesh.setLocalStream(key, stream);
    return mesh;
  }

  #preparePlan(plan: PeerPlan, fromJoin: boolean): void {
    // A relayed prepare never goes backwards; the join ack's plan is the room's current one.
    if (!fromJoin && this.#plan && plan.version <= this.#plan.version) {
      this.#logger.debug('ignoring an old plan', { version: plan.version });
      return;
    }
    this.#plan = plan;
    this.#mesh?.applyPlan(plan);
    this.#emitter.emit('planChanged', { plan, committed: false });
  }

  #sendSignal(to: PeerId, epoch: number, signal: Signal): void {
    const socket = this.#socket;
    if (!socket || !this.#joined) {
      this.#outbox.push({ to, epoch, signal });
      if (this.#outbox.length > MAX_QUEUED_SIGNALS) this.#outbox.shift();
      return;
    }
    // Fire-and-forget like trickle ICE: no ack frame per signal; a refusal comes back as
    // `signalRejected` (protocol SPEC [P3]).
    socket.emit('signal', { to, epoch, signal });
  }

  #sendReady(version: number): void {
    this.#lastReady = version;
    const socket = this.#socket;
    if (socket && this.#joined) {
      socket.emit('planReady', { version }, (res) => {
        if (!res.ok && res.error !== 'ERR_STALE_PLAN') this.#logFailure('planReady', res);
      });
    }
  }

  #whenJoined(handle: () => void): void {
    if (this.#closed) return;
    if (this.#joined) handle();
    else this.#held.push(handle);
  }

  #changeRoom(change: RoomChange): void {
    if (!this.#room) return;
    if (change.type === 'peerJoined' && change.peer.id === this.#selfId) return;
    const next = reduceRoomView(this.#room, change);
    if (next === this.#room) return;
    this.#room = next;
    this.#emitter.emit('roomChanged', next);
  }

  #scheduleReconnect(error: SessionStatusChange['error'] | undefined, reason: string): void {
    if (this.#closed || this.#status === 'failed' || this.#reconnectTimer !== null) return;
    this.#attempt++;
    const retryInMs = backoffDelay(this.#attempt, this.#backoff, this.#options.random);
    const change: SessionStatusChange = {
      status: 'reconnecting',
      retryInMs,
      attempt: this.#attempt,
      reason,
    };
    if (error !== undefined) change.error = error;
    this.#setStatus(change);
    this.#reconnectTimer = this.#clock.setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connect();
    }, retryInMs);
  }

  /** The socket dropped: pending acks will never come, and events wait for the next join. */
  #lostConnection(): void {
    this.#joined = false;
    this.#held = [];
    this.#rejectPending(new SessionError('ERR_UNREACHABLE', 'The connection was lost.'));
  }

  /** Ends the current connection on purpose, to retry from scratch. */
  #dropConnection(): void {
    this.#lostConnection();
    this.#generation++;
    this.#socket?.disconnect();
  }

  #fail(error: SessionErrorCode & SessionStatusChange['error'], message: string): void {
    if (this.#closed || this.#status === 'failed') return;
    this.#logger.warn('session failed', { error, message });
    const err = new SessionError(error, message);
    this.#teardown(err);
    this.#setStatus({ status: 'failed', error, message });
  }

  #teardown(err: SessionError): void {
    if (this.#reconnectTimer !== null) {
      this.#clock.clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = null;
    }
    this.#joined = false;
    this.#held = [];
    this.#outbox = [];
    this.#rejectPending(err);
    const waiter = this.#joinWaiter;
    this.#joinWaiter = null;
    waiter?.reject(err);
    this.#closeMesh();
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  #closeMesh(): void {
    for (const dispose of this.#meshDisposers) dispose();
    this.#meshDisposers = [];
    const mesh = this.#mesh;
    this.#mesh = null;
    mesh?.close();
  }

  #requireJoined(): ClientSocket {
    if (this.#closed) throw new SessionError('ERR_CLOSED');
    if (!this.#socket || !this.#joined) throw new SessionError('ERR_NOT_JOINED');
    return this.#socket;
  }

  /** Emits with an ack, bounded by `timeoutMs`; rejects if the connection drops first. */
  #call<T>(timeoutMs: number, send: (ack: (res: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#callback<T>(timeoutMs, send, (err, res) => (err ? reject(err) : resolve(res as T)));
    });
  }

  /**
   * Emits with an ack and calls `done` exactly once, synchronously from the ack (so server
   * events that follow it are handled after it): with the result, or with an error when the
   * deadline passes or the connection drops first.
   */
  #callback<T>(
    timeoutMs: number,
    send: (ack: (res: T) => void) => void,
    done: (err: SessionError | null, res?: T) => void,
  ): void {
    let settled = false;
    const settle = (err: SessionError | null, res?: T) => {
      if (settled) return;
      settled = true;
      this.#clock.clearTimeout(timer);
      this.#pending.delete(entry);
      done(err, res);
    };
    const entry: PendingCall = { reject: (err) => settle(err) };
    const timer = this.#clock.setTimeout(() => settle(new SessionError('ERR_TIMEOUT')), timeoutMs);
    this.#pending.add(entry);
    send((res) => settle(null, res));
  }

  #rejectPending(err: SessionError): void {
    for (const entry of [...this.#pending]) entry.reject(err);
  }

  #logFailure(what: string, res: Result): void {
    if (!res.ok) this.#logger.warn(`${what} refused`, { error: res.error, message: res.message });
  }

  #setStatus(change: SessionStatusChange): void {
    this.#status = change.status;
    this.#emitter.emit('statusChanged', change);
  }
}

/** The protocol error code a connect error carries (Socket.IO middleware errors), if any. */
function errorCodeOf(err: Error & { data?: unknown }): ErrorCode | null {
  if (isErrorCode(err.message)) return err.message;
  const data = err.data;
  if (data && typeof data === 'object') {
    for (const key of ['error', 'code']) {
      const value = (data as Record<string, unknown>)[key];
      if (isErrorCode(value)) return value;
    }
  }
  return null;
}

function sameMedia(a: MediaFlags, b: MediaFlags): boolean {
  return a.audio === b.audio && a.video === b.video && a.screen === b.screen;
}
