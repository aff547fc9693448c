import { type Clock, Emitter, type Logger, noopLogger, systemClock } from '@meshwork/kit';
import {
  type IceServer,
  isStreamKey,
  type PeerId,
  type PeerPlan,
  type PublicKey,
  peerMessageOf,
  type Signal,
  type StreamKey,
} from '@meshwork/protocol';
import { type IncomingTracks, incomingTracks } from './controller/incoming';
import { LinkSet } from './controller/LinkSet';
import { LocalStreams } from './controller/LocalStreams';
import { LinkReporter, linkReports } from './controller/linkReports';
import { resolveOutgoing } from './controller/outgoing';
import { PlanBook } from './controller/PlanBook';
import { PlanReadiness } from './controller/PlanReadiness';
import { Reconciler } from './controller/Reconciler';
import { RemoteStreams } from './controller/RemoteStreams';
import { DataPlane } from './dataPlane/DataPlane';
import { E2eeKeys } from './e2ee/E2eeKeys';
import { UNROUTED } from './e2ee/FramePipe';
import { unlinkedPeers } from './e2ee/unlinkedPeers';
import type { FrameCounts } from './e2ee/workerMessages';
import { MeshRuntimeError } from './errors';
import { dataArrivesFrom, dataNextHops, planForwarding } from './forwarding';
import type { PeerLink } from './link/PeerLink';
import { trackKey } from './manifest';
import { chooseReceive } from './receiving';
import { StatsReader } from './stats/StatsReader';
import { StatsSampler } from './stats/StatsSampler';
import type {
  ChatMessage,
  LinkStats,
  MeshControllerApi,
  MeshControllerOptions,
  MeshError,
  MeshEvents,
} from './types';
import { checkUplinkKbps, DEFAULT_UPLINK_KBPS } from './uplink/allocateUplink';
import { budgetOutgoing } from './uplink/budgetOutgoing';

/**
 * Turns the server's per-peer plans into peer connections and media routes. Plans arrive in
 * two phases: `applyPlan` opens what the new plan adds and keeps the old running; once every
 * origin decodes over its new route it emits `planReady`; `commitPlan` stops the old. Every
 * change funnels into one bounded, idempotent reconcile pass over the parts below.
 */
export class MeshController implements MeshControllerApi {
  /** This peer's id. */
  readonly selfId: PeerId;
  /** Link stats for every reader from one shared poll ([M18]). */
  readonly stats: StatsSampler;

  readonly #logger: Logger;

  readonly #clock: Clock;

  /** When each plan version was prepared here: timing marks of a switch ([M12]). */

  readonly #preparedAt = new Map<number, number>();
  readonly #emitter: Emitter<MeshEvents>;
  readonly #plans = new PlanBook();
  readonly #local = new LocalStreams();
  readonly #links: LinkSet;
  readonly #remote: RemoteStreams;
  readonly #readiness = new PlanReadiness();
  readonly #reporter = new LinkReporter();
  readonly #reconciler: Reconciler;
  readonly #dataPlane: DataPlane;
  readonly #oneOffStats: StatsReader;
  readonly #e2ee: E2eeKeys | null;
  #frameCounts: FrameCounts | null = null;
  readonly #offCounts: () => void;
  /** Origins already reported as not decrypting, until they decrypt again. */
  readonly #undecryptable = new Set<PeerId>();
  #uplinkKbps: number;
  #closed = false;

  constructor(options: MeshControllerOptions) {
    if (typeof options.createMediaStream !== 'function') {
      throw new MeshRuntimeError(
        'ERR_BAD_OPTION',
        'createMediaStream is required, e.g. (tracks) => new MediaStream(tracks)',
      );
    }
    if (
      typeof options.signer?.sign !== 'function' ||
      typeof options.subtle?.verify !== 'function'
    ) {
      throw new MeshRuntimeError(
        'ERR_BAD_OPTION',
        'signer and subtle are required: signer = await createSigner(crypto.subtle)',
      );
    }
    this.#uplinkKbps = checkUplinkKbps(options.uplinkKbps ?? DEFAULT_UPLINK_KBPS);
    this.selfId = options.selfId;
    const clock = options.clock ?? systemClock;
    this.#clock = clock;
    this.#logger = (options.logger ?? noopLogger).child(`mesh:${options.selfId}`);
    this.#emitter = new Emitter(this.#logger);
    const emit = this.#emitter.emit.bind(this.#emitter);
    this.#links = new LinkSet({
      self: this.selfId,
      createPeerConnection: options.createPeerConnection,
      iceServers: options.iceServers,
      clock,
      logger: this.#logger,
      ...(options.frameProtector ? { protector: options.frameProtector } : {}),
      attach: (link) => this.#attach(link),
      statusChanged: (peer, status) => emit('linkStateChanged', { peer, status }),
    });
    this.#remote = new RemoteStreams({ createMediaStream: options.createMediaStream, emit });
    this.#reconciler = new Reconciler(
      () => this.#pass(),
      (passes) => this.#unsettled(passes),
    );
    this.#dataPlane = new DataPlane({
      self: this.selfId,
      clock,
      logger: this.#logger.child('data'),
      signer: options.signer,
      subtle: options.subtle,
      nextHops: (origin, from) =>
        dataNextHops(this.#plans.inForce, origin, from, (peer) => this.#links.has(peer)),
      arrivesFrom: (origin, from) => dataArrivesFrom(this.#plans.inForce, origin, from),
      send: (to, message) => this.#links.get(to)?.send(message) ?? Promise.resolve(false),
      emit,
    });
    this.stats = new StatsSampler({
      clock,
      logger: this.#logger.child('stats'),
      links: () => this.#links.byPeer.values(),
    });
    this.#oneOffStats = new StatsReader(clock);
    const protector = options.frameProtector;
    this.#e2ee = protector
      ? new E2eeKeys({
          self: this.selfId,
          subtle: options.subtle,
          random: options.random ?? globalThis.crypto,
          signer: options.signer,
          protector,
          // A closed channel queues what it is given: only an open one counts as a direct link.
          send: (to, message) => {
            const link = this.#links.get(to);
            return link?.channelOpen ? link.send(message) : Promise.resolve(false);
          },
          relay: (to, message) => emit('e2eeKeyProduced', { to, message }),
          unlinked: () => unlinkedPeers(this.#plans.latest),
          raise: (error) => emit('errorRaised', error),
          logger: this.#logger.child('e2ee'),
        })
      : null;
    this.#offCounts = protector?.onCounts((counts) => this.#counted(counts)) ?? (() => {});
  }

  /**
   * Encrypts this page's frames end to end, and drops frames from others that no key opens, or
   * stops (SPEC [P31]). Without a `frameProtector` there is nothing to switch: false.
   */
  setEndToEndEncryption(enabled: boolean): boolean {
    if (this.#closed || this.#e2ee === null) return false;
    this.#e2ee.setEnabled(enabled);
    return true;
  }

  /** Frame counts of end-to-end encryption as last reported, or null without it or before. */
  get frameCounts(): FrameCounts | null {
    return this.#frameCounts;
  }

  /**
   * Stops using `origin`'s frame keys, now and later: this page then decodes nothing of its
   * media while encryption is on. A diagnostic (and what a test of a page without keys uses).
   */
  withholdFrameKeys(origin: PeerId): void {
    this.#e2ee?.withhold(origin);
  }

  /** Subscribes to a controller event; returns the disposer. */
  on<E extends keyof MeshEvents>(event: E, listener: (payload: MeshEvents[E]) => void): () => void {
    return this.#emitter.on(event, listener);
  }

  setLocalStream(key: StreamKey, stream: MediaStream | null): void {
    this.#assertOpen();
    if (!isStreamKey(key)) {
      throw new MeshRuntimeError('ERR_BAD_STREAM_KEY', `Invalid stream key ${JSON.stringify(key)}`);
    }
    this.#local.set(key, stream);
    this.#reconciler.request();
  }

  setUplinkBudget(kbps: number): void {
    this.#assertOpen();
    const checked = checkUplinkKbps(kbps);
    if (checked === this.#uplinkKbps) return;
    this.#uplinkKbps = checked;
    this.#reconciler.request();
  }

  /** This peer's uplink budget in kbit/s, spread over everything it sends ([M26]). */
  get uplinkKbps(): number {
    return this.#uplinkKbps;
  }

  applyPlan(plan: PeerPlan): void {
    this.#assertOpen();
    if (plan.self !== this.selfId) {
      throw new MeshRuntimeError(
        'ERR_PLAN_FOR_OTHER_PEER',
        `Plan for ${plan.self} given to ${this.selfId}`,
      );
    }
    const latest = this.#plans.latest?.version;
    switch (this.#plans.prepare(plan)) {
      case 'stale':
        this.#logger.debug('stale plan ignored', { version: plan.version, latest });
        return;
      case 'first':
        this.commitPlan(plan.version);
        this.#e2ee?.planChanged();
        return;
      case 'prepared':
        this.#preparedAt.set(plan.version, this.#clock.now());
        this.#logger.debug('plan prepared', { version: plan.version });
        this.#reconciler.request();
        this.#e2ee?.planChanged();
        return;
    }
  }

  commitPlan(version: number): void {
    this.#assertOpen();
    if (this.#plans.committed?.version === version) return;
    if (!this.#plans.commit(version)) {
      this.#logger.debug('commit of an unknown plan ignored', { version });
      return;
    }
    this.#reconciler.request();
  }

  handleSignal(from: PeerId, epoch: number, signal: Signal): void {
    if (this.#closed) return;
    const routed = this.#links.route(from, epoch, signal, this.#plans.latest?.version ?? null);
    if (routed === 'dropped') {
      this.#logger.debug('signal for an unknown link life dropped', {
        from,
        epoch,
        type: signal.type,
      });
    }
  }

  /**
   * A frame-key message the signal app relayed from `from` (SPEC [P33]); checked as one from a
   * direct link would be, with `from` as its sender.
   */
  handleRelayedE2eeKey(from: PeerId, message: unknown): void {
    if (this.#closed || this.#e2ee === null) return;
    const parsed = peerMessageOf(message);
    if (parsed?.t !== 'e2ee-key') {
      const error = { code: 'ERR_E2EE_KEY', message: 'relayed frame key is malformed', peer: from };
      this.#logger.warn(error.message, { code: error.code, peer: from });
      this.#emitter.emit('errorRaised', error as MeshError);
      return;
    }
    void this.#e2ee.handle(from, parsed);
  }

  async sendChat(text: string): Promise<ChatMessage> {
    this.#assertOpen();
    return this.#dataPlane.sendChat(text);
  }

  setPeerKeys(keys: ReadonlyMap<PeerId, PublicKey>): void {
    if (this.#closed) return;
    this.#dataPlane.setPeerKeys(keys);
    this.#e2ee?.setMembers(keys);
  }

  setIceServers(iceServers: IceServer[]): void {
    if (this.#closed) return;
    this.#links.setIceServers(iceServers);
  }

  /** Room-data messages dropped as forged, misrouted, stale or over a bound ([M19]-[M21]). */
  get rejectedMessages(): number {
    return this.#dataPlane.rejected;
  }

  sendFile(file: { name: string; mimeType: string; data: Uint8Array }): Promise<{
    transferId: string;
  }> {
    this.#assertOpen();
    return this.#dataPlane.sendFile(file);
  }

  getStats(): Promise<LinkStats[]> {
    return this.#oneOffStats.read(this.#links.byPeer.values());
  }

  /** The plan version last committed, or null before the first plan. */
  get committedVersion(): number | null {
    return this.#plans.committed?.version ?? null;
  }

  /** The remote stream shown for (origin, key), if any: the same object across switches. */
  remoteStream(origin: PeerId, key: StreamKey): MediaStream | null {
    return this.#remote.get(origin, key);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#reconciler.stop();
    this.stats.close();
    this.#dataPlane.close();
    this.#e2ee?.close();
    this.#offCounts();
    this.#links.closeAll();
    this.#emitter.clear();
  }

  /** One reconcile pass: links, then forwarding, shown streams, readiness and reports. */
  #pass(): void {
    const plans = this.#plans.inForce;
    this.#links.sync(plans);
    const links = this.#links.byPeer;
    const incoming = incomingTracks(links, this.#plans.order);
    this.#forward(plans, incoming);
    this.#showRemote(plans, incoming);
    const ready = this.#readiness.check(this.#plans.latest, links, incoming.available);
    if (ready !== null) {
      const preparedAt = this.#preparedAt.get(ready);
      for (const version of this.#preparedAt.keys()) {
        if (version <= ready) this.#preparedAt.delete(version);
      }
      this.#logger.info('plan ready', {
        version: ready,
        ...(preparedAt === undefined ? {} : { sincePreparedMs: this.#clock.now() - preparedAt }),
      });
      this.#emitter.emit('planReady', { version: ready });
    }
    const reports = this.#reporter.changed(linkReports(links));
    if (reports !== null) this.#emitter.emit('linksReported', { links: reports });
  }

  #forward(plans: readonly PeerPlan[], { available, announced }: IncomingTracks): void {
    const local = this.#local.live();
    const outgoing = planForwarding({ self: this.selfId, plans, local, available, announced });
    const sources = resolveOutgoing(outgoing, {
      local: (key, kind) => this.#local.liveTrack(key, kind),
      relayed: (from, identity) => this.#links.get(from)?.incoming.get(trackKey(identity))?.track,
    });
    const budgeted = budgetOutgoing(sources, this.#uplinkKbps);
    for (const [peer, link] of this.#links.byPeer) link.setOutgoing(budgeted.get(peer) ?? []);
  }

  #showRemote(plans: readonly PeerPlan[], { available, announced }: IncomingTracks): void {
    const named = new Map<string, Set<MediaStreamTrack>>();
    for (const link of this.#links.byPeer.values()) {
      for (const [key, incoming] of link.incoming) {
        const tracks = named.get(key) ?? new Set<MediaStreamTrack>();
        tracks.add(incoming.track);
        named.set(key, tracks);
      }
    }
    this.#remote.sync({
      choices: chooseReceive(plans, available, announced),
      named,
      order: new Set(this.#plans.order),
      trackOf: (choice) => this.#links.get(choice.from)?.incoming.get(trackKey(choice))?.track,
    });
  }

  /** Subscribes the controller to a new link; the link set disposes these when it closes. */
  #attach(link: PeerLink): Array<() => void> {
    const peer = link.peer;
    return [
      link.on('signalProduced', (signal) =>
        this.#emitter.emit('signalProduced', { to: peer, epoch: link.epoch, signal }),
      ),
      link.on('statusChanged', (status) => {
        this.#emitter.emit('linkStateChanged', { peer, status });
        this.#reconciler.request();
      }),
      link.on('incomingChanged', () => this.#reconciler.request()),
      link.on('messageReceived', (message) => {
        if (message.t === 'e2ee-key') void this.#e2ee?.handle(peer, message);
        else this.#dataPlane.handle(peer, message);
      }),
      link.on('channelOpened', () => this.#e2ee?.linkOpened(peer)),
      link.on('errorRaised', (error) => this.#emitter.emit('errorRaised', error)),
    ];
  }

  /** New frame counts: an origin whose frames stopped opening is reported once, by code. */
  #counted(counts: FrameCounts): void {
    if (this.#closed) return;
    const before = this.#frameCounts;
    this.#frameCounts = counts;
    for (const [origin, failed] of Object.entries(counts.failed)) {
      if (origin === UNROUTED) continue;
      const grew = failed > (before?.failed[origin] ?? 0);
      const opened = (counts.decrypted[origin] ?? 0) > (before?.decrypted[origin] ?? 0);
      if (opened) this.#undecryptable.delete(origin);
      else if (grew && !this.#undecryptable.has(origin)) {
        this.#undecryptable.add(origin);
        const message = `frames from ${origin} do not decrypt with any key held here`;
        this.#logger.warn(message);
        this.#emitter.emit('errorRaised', { code: 'ERR_E2EE_DECRYPT', message, peer: origin });
      }
    }
    this.#emitter.emit('framesCounted', counts);
  }

  #unsettled(passes: number): void {
    const message = `reconcile did not settle within ${passes} passes; the next change resumes it`;
    this.#logger.warn(message);
    this.#emitter.emit('errorRaised', { code: 'ERR_RECONCILE_UNSETTLED', message });
  }

  #assertOpen(): void {
    if (this.#closed) throw new MeshRuntimeError('ERR_CLOSED', 'The mesh controller is closed');
  }
}
