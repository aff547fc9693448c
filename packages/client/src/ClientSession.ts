import { Emitter, type Logger, noopLogger, systemClock } from '@meshwork/kit';
import {
  type ChatMessage,
  type LinkStats,
  MeshController,
  type MeshControllerApi,
  type Signer,
} from '@meshwork/mesh/runtime';
import type {
  AudioRouting,
  CapacityHints,
  JoinOk,
  LinkReport,
  MediaFlags,
  PeerId,
  PeerPlan,
  Reaction,
  TopologySetting,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import { connectErrorCode, FATAL_JOIN_ERRORS, SessionError } from './errors';
import { JoinGate } from './JoinGate';
import { JoinSender } from './JoinSender';
import { LimitationReporter } from './LimitationReporter';
import { MeshBinding } from './MeshBinding';
import { camMediaFlags, sameMedia } from './media';
import { type FailedChange, Reconnector, type SessionFailCode } from './Reconnector';
import { ReconnectPolicy } from './ReconnectPolicy';
import { ResumeState } from './ResumeState';
import { RoomSync } from './RoomSync';
import { SessionKeys } from './SessionKeys';
import { type ConnectError, connectSocket, SignalConnection } from './SignalConnection';
import { SignalRequests } from './SignalRequests';
import { SignalUplink } from './SignalUplink';
import { type ServerEventHandlers, wireServerEvents } from './serverEvents';
import type {
  ClientSessionApi,
  ClientSessionOptions,
  JoinOptions,
  RoomView,
  SessionEvents,
  SessionStatus,
  SessionStatusChange,
  StatsListener,
} from './types';

/**
 * A person's (or bot's) session in one room: the Socket.IO connection to the signal app glued
 * to one MeshController. Reconnects with visible backoff and resumes its identity, keeping the
 * same MeshController so peer-to-peer media survives a signal app restart.
 */
export class ClientSession implements ClientSessionApi {
  readonly #options: ClientSessionOptions;
  readonly #logger: Logger;
  readonly #emitter: Emitter<SessionEvents>;
  readonly #requests: SignalRequests;
  readonly #reconnect: Reconnector;
  readonly #mesh: MeshBinding;
  readonly #resume = new ResumeState();
  readonly #room: RoomSync;
  readonly #gate = new JoinGate();
  readonly #uplink: SignalUplink;
  readonly #keys: SessionKeys;
  readonly #joiner: JoinSender;

  #status: SessionStatus = 'idle';
  #lastChange: SessionStatusChange = { status: 'idle' };
  #connection: SignalConnection | null = null;
  #joinOptions: JoinOptions | null = null;
  #media: MediaFlags = { audio: false, video: false, screen: false };
  #closed = false;
  /** This peer told the room it records (SPEC [P29]); said again after a resume. */
  #recording = false;
  #leaving: Promise<void> | null = null;
  #joinWaiter: { resolve(): void; reject(err: SessionError): void } | null = null;

  constructor(options: ClientSessionOptions) {
    this.#options = options;
    const clock = options.clock ?? systemClock;
    this.#logger = (options.logger ?? noopLogger).child('session');
    this.#keys = new SessionKeys(options.subtle ?? globalThis.crypto?.subtle);
    this.#emitter = new Emitter<SessionEvents>(this.#logger);
    const policy = new ReconnectPolicy({
      delayMs: options.reconnectDelayMs,
      maxAttempts: options.maxReconnectAttempts,
      random: options.random,
    });
    this.#reconnect = new Reconnector(policy, clock);
    const joinedSocket = () => (this.#gate.isOpen ? (this.#connection?.socket ?? null) : null);
    this.#requests = new SignalRequests(clock, { joinedSocket, closed: () => this.#closed });
    this.#room = new RoomSync(this.#emitter, () => this.#mesh.controller, this.#logger);
    this.#uplink = new SignalUplink(joinedSocket, this.#resume, this.#logger);
    this.#joiner = new JoinSender({
      keys: this.#keys,
      requests: this.#requests,
      logger: this.#logger,
      wanted: () => this.#joinOptions && { options: this.#joinOptions, media: this.#media },
      resumeFields: () => this.#resume.requestFields(this.#room.plan, this.#room.room),
      closed: () => this.#closed,
      joined: (ok, signer) => this.#onJoined(ok, signer),
      waiting: () => this.#setStatus({ status: 'waiting' }),
      fatal: (error, message) => this.#fail({ status: 'failed', error, message }),
      retry: (error, message) => {
        this.#dropConnection();
        this.#scheduleReconnect(error, message);
      },
    });
    this.#mesh = new MeshBinding({
      createMesh: options.createMesh ?? ((o) => new MeshController(o)),
      controller: {
        createPeerConnection: options.createPeerConnection,
        createMediaStream: options.createMediaStream,
        subtle: this.#keys.subtle,
        clock,
        logger: this.#logger.child('mesh'),
        ...(options.frameProtector ? { frameProtector: options.frameProtector } : {}),
      },
      events: this.#emitter,
      signalProduced: (signal) => this.#uplink.signal(signal),
      e2eeKeyProduced: ({ to, message }) => this.#uplink.e2eeKey(to, message),
      // Readiness for a plan superseded meanwhile is moot: the server wants the newest one.
      planReady: (version) => {
        if (this.#room.isCurrent(version)) this.#uplink.ready(version);
      },
      linksReported: (links) => this.#uplink.links(links),
      logger: this.#logger,
    });
    if (options.uplinkKbps !== undefined) this.#mesh.setUplinkBudget(options.uplinkKbps);
    if (options.reportLimitation === true) {
      // [P28] Kept for the life of the session: the feed follows each new controller.
      const reporter = new LimitationReporter((limitation) => {
        const { limitation: _old, ...rest } = this.#joinOptions?.capacity ?? {};
        this.updateCapacity(limitation === null ? rest : { ...rest, limitation });
      });
      this.#mesh.stats.subscribe((stats) => reporter.sample(stats, clock.now()));
    }
  }

  /** Where the session is. */
  get status(): SessionStatus {
    return this.#status;
  }

  /** The room as last announced, or null before the first join. */
  get room(): RoomView | null {
    return this.#room.room;
  }

  /** The latest plan this peer was given, or null before the first join. */
  get plan(): PeerPlan | null {
    return this.#room.plan;
  }

  /** This peer's id in the room, or null before the first join. */
  get selfId(): PeerId | null {
    return this.#resume.selfId;
  }

  /** The mesh controller (for stats), or null before the first join and after close. */
  get mesh(): MeshControllerApi | null {
    return this.#mesh.controller;
  }

  /** Subscribes to a session event; the returned function unsubscribes. */
  on<E extends keyof SessionEvents>(
    event: E,
    listener: (payload: SessionEvents[E]) => void,
  ): () => void {
    return this.#emitter.on(event, listener);
  }

  /**
   * Connects and joins. Resolves once joined; rejects with a SessionError if the server refuses
   * for good or the reconnect limit is reached (the status is then `failed`), or the session is
   * closed first. While the server is unreachable the promise stays pending and the status says
   * `reconnecting`.
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
    const connection = new SignalConnection(
      this.#options.url,
      this.#options.connect ?? connectSocket,
      {
        connected: () => this.#joiner.send(connection),
        connectFailed: (err) => this.#connectFailed(err),
        lost: (reason) => this.#lost(reason),
      },
    );
    this.#connection = connection;
    wireServerEvents(connection.socket, this.#serverHandlers(), this.#logger);
    connection.open();
    return promise;
  }

  /** Tells the room this peer leaves (bounded by LEAVE_TIMEOUT_MS), then closes. Idempotent. */
  leave(): Promise<void> {
    if (this.#leaving) return this.#leaving;
    this.#leaving = (async () => {
      try {
        await this.#requests.leave();
      } catch (err) {
        this.#logger.debug('leave not acknowledged', { err: String(err) });
      }
      this.close();
    })();
    return this.#leaving;
  }

  /**
   * Asks the room to switch topology (a topology or `auto`, SPEC [P28]), and audio routing when
   * given (SPEC [P30]: `mesh` sends audio straight to everyone while video keeps the star or
   * ring); rejects with the server's code if refused.
   */
  setTopology(topology: TopologySetting, audioRouting?: AudioRouting): Promise<void> {
    return this.#requests.setTopology(topology, audioRouting);
  }

  /** Asks the room for a hub preference (null: the planner picks). */
  setHub(hub: PeerId | null): Promise<void> {
    return this.#requests.setHub(hub);
  }

  /** Host only (SPEC [P15]): policy, lock, password; rejects with the server's code if refused. */
  updateRoom(req: UpdateRoomRequest): Promise<void> {
    return this.#requests.updateRoom(req);
  }

  /** Host only: removes `peer` from the room; rejects with the server's code if refused. */
  removePeer(peer: PeerId): Promise<void> {
    return this.#requests.removePeer(peer);
  }

  /** Host only: hands the host role to `peer`; rejects with the server's code if refused. */
  transferHost(peer: PeerId): Promise<void> {
    return this.#requests.transferHost(peer);
  }

  /** Raises (or lowers) this peer's hand (SPEC [P26]). */
  raiseHand(raised: boolean): Promise<void> {
    return this.#requests.raiseHand(raised);
  }

  /** Host only: lowers `peer`'s hand; rejects with the server's code if refused. */
  lowerHand(peer: PeerId): Promise<void> {
    return this.#requests.raiseHand(false, peer);
  }

  /** Shows a reaction to the room; past the budget it rejects with `ERR_RATE_LIMITED`. */
  react(reaction: Reaction): Promise<void> {
    return this.#requests.react(reaction);
  }

  /** Tells the room whether this peer records (SPEC [P29]); a refused start rejects. */
  async setRecording(recording: boolean): Promise<void> {
    await this.#requests.setRecording(recording);
    this.#recording = recording;
  }

  /**
   * While reconnecting, tries the next attempt now instead of waiting out its backoff (a person
   * pressing "Retry now"). Does nothing in any other state.
   */
  retryNow(): void {
    if (this.#closed || this.#status !== 'reconnecting') return;
    const detail = this.#lastChange;
    if (!this.#reconnect.retryNow()) return;
    this.#setStatus({ ...detail, status: 'reconnecting', retryInMs: 0 });
  }

  /** Host only (SPEC [P25]): lets lobby waiter `id` in, or turns it away. */
  answerLobby(id: string, admit: boolean): Promise<void> {
    return this.#requests.answerLobby(id, admit);
  }

  /**
   * Reports link states to the signal app directly. The mesh reports its own links; this is for
   * tools and tests that force a route change (a link reported `failed` is routed around).
   */
  reportLinks(links: LinkReport[]): Promise<void> {
    return this.#requests.reportLinks(links);
  }

  /** Sets (or clears) a local stream and tells the room the flags it stands for. */
  setLocalStream(key: string, stream: MediaStream | null): void {
    if (this.#closed) return;
    this.#mesh.setLocalStream(key, stream);
    if (key === 'cam') this.updateMedia(camMediaFlags(stream));
    else if (key === 'screen') this.updateMedia({ screen: stream !== null });
  }

  /**
   * This peer's uplink budget in kbit/s, spread over every track it sends and relays (mesh
   * SPEC [M26]); kept for the controllers of later joins. Misuse throws `ERR_BAD_OPTION`.
   */
  setUplinkBudget(kbps: number): void {
    if (this.#closed) return;
    this.#mesh.setUplinkBudget(kbps);
  }

  /** Tells the room about changed media flags; unchanged flags send nothing. */
  updateMedia(media: Partial<MediaFlags>): void {
    const next = { ...this.#media, ...media };
    if (sameMedia(next, this.#media)) return;
    this.#media = next;
    this.#uplink.media(media);
  }

  /**
   * Tells the room changed capacity hints (a media hub shows its load this way, [P24]); a
   * rejoin carries the latest ones.
   */
  updateCapacity(capacity: CapacityHints): void {
    if (this.#joinOptions === null) return;
    this.#joinOptions = { ...this.#joinOptions, capacity };
    this.#uplink.capacity(capacity);
  }

  /** Per-link numbers for quality badges, read on demand. */
  async getStats(): Promise<LinkStats[]> {
    return this.#mesh.controller ? this.#mesh.controller.getStats() : [];
  }

  /** Every stats sample of the current mesh controller, across reconnects; returns a disposer. */
  subscribeStats(listener: StatsListener): () => void {
    return this.#mesh.stats.subscribe(listener);
  }

  /** Signs and sends a chat message to the room; resolves with it (and its id) for the echo. */
  async sendChat(text: string): Promise<ChatMessage> {
    const mesh = this.#mesh.controller;
    if (!mesh) throw new SessionError('ERR_NOT_JOINED');
    return mesh.sendChat(text);
  }

  /** Sends a file to the room; resolves once every byte is handed to the links. */
  async sendFile(file: { name: string; mimeType: string; data: Uint8Array }): Promise<void> {
    const mesh = this.#mesh.controller;
    if (!mesh) throw new SessionError('ERR_NOT_JOINED');
    await mesh.sendFile(file);
  }

  /** Closes the mesh (every link), then the socket. Idempotent; the status becomes `left`. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#teardown(new SessionError('ERR_CLOSED'));
    if (this.#status !== 'failed') this.#setStatus({ status: 'left' });
    this.#emitter.clear();
    this.#mesh.stats.close();
    // Its links are closed: the frame transforms (a worker, say) go too.
    this.#options.frameProtector?.close();
  }

  // --- the signal app ---------------------------------------------------------------------

  #serverHandlers(): ServerEventHandlers {
    return {
      whenJoined: (handle) => {
        if (!this.#closed) this.#gate.run(handle);
      },
      roomChanged: (change) => this.#room.change(change),
      peerLeft: (event) => this.#emitter.emit('peerLeft', event),
      planPrepared: (plan) => this.#room.prepare(plan, false),
      planCommitted: (version) => this.#room.commit(version),
      signal: (from, epoch, signal) => this.#mesh.controller?.handleSignal(from, epoch, signal),
      e2eeKeyRelayed: (from, message) =>
        this.#mesh.controller?.handleRelayedE2eeKey?.(from, message),
      iceServersChanged: (iceServers) => this.#mesh.setIceServers(iceServers),
      fatal: (error, message) => this.#fail({ status: 'failed', error, message }),
      lobbyChanged: (waiting) => this.#emitter.emit('lobbyChanged', { waiting }),
      handsChanged: (hands) => this.#emitter.emit('handsChanged', { hands }),
      reacted: (event) => this.#emitter.emit('reacted', event),
      recordingChanged: (recorders) => this.#emitter.emit('recordingChanged', { recorders }),
      lobbyAdmitted: () => {
        const connection = this.#connection;
        if (this.#status === 'waiting' && connection) this.#joiner.send(connection);
      },
    };
  }

  #onJoined(ok: JoinOk, signer: Signer): void {
    const previous = this.#resume.selfId;
    const kind = this.#resume.accept(ok);
    if (kind === 'replaced') {
      // The server did not restore our identity (grace period over): start a fresh mesh.
      const ids = { old: previous, new: ok.selfId };
      this.#logger.warn('identity not resumed; rebuilding the mesh', ids);
      this.#mesh.close();
      this.#uplink.clear();
    }
    this.#reconnect.joined();
    this.#gate.open(() => this.#applyJoin(ok, signer, kind !== 'first'));
    const waiter = this.#joinWaiter;
    this.#joinWaiter = null;
    waiter?.resolve();
  }

  #applyJoin(ok: JoinOk, signer: Signer, rejoin: boolean): void {
    if (!this.#mesh.controller) this.#mesh.open(ok.selfId, ok.iceServers, signer);
    this.#room.reset(ok.room, ok.selfId);
    // Who waits and whose hand is up are sent again after each join; lists from before are stale.
    this.#emitter.emit('lobbyChanged', { waiting: [] });
    this.#emitter.emit('handsChanged', { hands: [] });
    this.#emitter.emit('recordingChanged', { recorders: [] });
    this.#setStatus({ status: 'joined' });
    // [P29] Still recording after a resume: a rebuilt room must show it again.
    if (rejoin && this.#recording) {
      this.#requests.setRecording(true).catch((error: unknown) => {
        this.#logger.warn('recording state not restored', { error });
      });
    }

    const known = ok.room.peers.find((p) => p.id === ok.selfId)?.media;
    // Media changed while the join was in flight (a camera granted late): the room must know.
    if (known && !sameMedia(known, this.#media)) this.#uplink.media(this.#media);
    // Resuming: tell a possibly rebuilt room what this peer knows, then flush queued signals.
    if (rejoin) this.#uplink.replayLinks();
    this.#room.prepare(ok.plan, true);
    this.#uplink.flush(this.#room.plan?.version);
  }

  // --- connection lifecycle ---------------------------------------------------------------

  #connectFailed(err: ConnectError): void {
    const code = connectErrorCode(err);
    if (code && FATAL_JOIN_ERRORS.has(code)) {
      this.#fail({ status: 'failed', error: code, message: err.message });
      return;
    }
    this.#logger.debug('connect failed', { err: err.message });
    this.#scheduleReconnect('ERR_UNREACHABLE', err.message);
  }

  #lost(reason: string): void {
    if (this.#closed) return;
    this.#logger.info('disconnected', { reason });
    this.#lostConnection();
    this.#scheduleReconnect(undefined, reason);
  }

  #scheduleReconnect(error: SessionFailCode | undefined, reason: string): void {
    if (this.#closed || this.#status === 'failed') return;
    const change = this.#reconnect.failed(error, reason, () => this.#connection?.open());
    if (change?.status === 'failed') this.#fail(change);
    else if (change) this.#setStatus(change);
  }

  /** The socket dropped: pending acks will never come, and events wait for the next join. */
  #lostConnection(): void {
    this.#gate.shut();
    this.#requests.failAll(new SessionError('ERR_UNREACHABLE', 'The connection was lost.'));
  }

  /** Ends the current connection on purpose, to retry from scratch. */
  #dropConnection(): void {
    this.#lostConnection();
    this.#connection?.drop();
  }

  #fail(change: FailedChange): void {
    if (this.#closed || this.#status === 'failed') return;
    this.#logger.warn('session failed', { error: change.error, message: change.message });
    this.#teardown(new SessionError(change.error, change.message));
    this.#setStatus(change);
  }

  #teardown(err: SessionError): void {
    this.#reconnect.cancel();
    this.#gate.shut();
    this.#uplink.clear();
    this.#requests.failAll(err);
    const waiter = this.#joinWaiter;
    this.#joinWaiter = null;
    waiter?.reject(err);
    this.#mesh.close();
    const connection = this.#connection;
    this.#connection = null;
    connection?.close();
  }

  #setStatus(change: SessionStatusChange): void {
    this.#status = change.status;
    this.#lastChange = change;
    this.#emitter.emit('statusChanged', change);
  }
}
