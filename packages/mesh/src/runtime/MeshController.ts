import {
  type LinkReport,
  type LinkState,
  type PeerId,
  type PeerPlan,
  type PlanLink,
  type Signal,
  type StreamKey,
  StreamKeySchema,
  type TrackKind,
} from '@meshwork/protocol';
import { DataPlane } from './dataPlane/DataPlane';
import { noopLogger, realClock } from './defaults';
import { Emitter } from './Emitter';
import { MeshRuntimeError } from './errors';
import { planForwarding } from './forwarding';
import { streamKey, type TrackIdentity, trackKey } from './manifest';
import { type OutgoingSource, PeerLink } from './PeerLink';
import { chooseReceive, isPlanReady, type ReceiveChoice } from './receiving';
import { TrackBundle } from './TrackBundle';
import type {
  ChatMessage,
  Clock,
  LinkStats,
  LinkStatus,
  Logger,
  MeshControllerApi,
  MeshControllerOptions,
  MeshEvents,
  StreamRoute,
} from './types';

/** Signals held for a link life whose plan has not arrived yet (the plan is on its way). */
export const EARLY_SIGNALS_MAX = 256;

interface RemoteEntry {
  origin: PeerId;
  key: StreamKey;
  stream: MediaStream;
  tracks: Map<TrackKind, MediaStreamTrack>;
  route: StreamRoute;
}

interface EarlySignal {
  from: PeerId;
  epoch: number;
  signal: Signal;
}

const KINDS: readonly TrackKind[] = ['audio', 'video'];

function linkState(status: LinkStatus): LinkState | null {
  switch (status) {
    case 'new':
    case 'connecting':
    case 'restarting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'failed':
      return 'failed';
    case 'closed':
      return null;
  }
}

/** The platform's MediaStream, or a TrackBundle where there is none (Node). */
function defaultCreateMediaStream(): () => MediaStream {
  const Ctor = (globalThis as { MediaStream?: typeof MediaStream }).MediaStream;
  if (Ctor !== undefined) return () => new Ctor();
  return () => new TrackBundle() as unknown as MediaStream;
}

/**
 * Turns the server's per-peer plans into peer connections and media routes. Plans arrive in
 * two phases: `applyPlan` opens what the new plan adds and keeps the old running; once every
 * origin decodes over its new route it emits `planReady`; `commitPlan` stops the old. Every
 * change funnels into one idempotent `reconcile()`.
 */
export class MeshController implements MeshControllerApi {
  /** This peer's id. */
  readonly selfId: PeerId;

  private readonly options: MeshControllerOptions;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly emitter: Emitter<MeshEvents>;
  private readonly createMediaStream: () => MediaStream;
  private readonly dataPlane: DataPlane;

  private readonly links = new Map<PeerId, PeerLink>();
  private readonly linkDisposers = new Map<PeerLink, Array<() => void>>();
  private committed: PeerPlan | null = null;
  private prepared: PeerPlan | null = null;
  private readonly pending = new Map<number, PeerPlan>();
  private readonly local = new Map<StreamKey, MediaStream>();
  private readonly remote = new Map<string, RemoteEntry>();
  private readonly early: EarlySignal[] = [];
  private readyVersion = -1;
  private lastReport = '';
  private reconciling = false;
  private reconcileAgain = false;
  private closed = false;

  constructor(options: MeshControllerOptions) {
    this.options = options;
    this.selfId = options.selfId;
    this.clock = options.clock ?? realClock;
    this.logger = (options.logger ?? noopLogger).child(`mesh:${options.selfId}`);
    this.emitter = new Emitter(this.logger);
    this.createMediaStream = options.createMediaStream ?? defaultCreateMediaStream();
    this.dataPlane = new DataPlane({
      self: this.selfId,
      clock: this.clock,
      logger: this.logger.child('data'),
      nextHops: (origin, from) => this.nextHops(origin, from),
      send: (to, message) => this.links.get(to)?.send(message) ?? Promise.resolve(false),
      emit: (event, payload) => this.emitter.emit(event, payload),
    });
  }

  /** Subscribes to a controller event; returns the disposer. */
  on<E extends keyof MeshEvents>(event: E, listener: (payload: MeshEvents[E]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  setLocalStream(key: StreamKey, stream: MediaStream | null): void {
    this.assertOpen();
    if (!StreamKeySchema.safeParse(key).success) {
      throw new RangeError(`Invalid stream key ${JSON.stringify(key)}`);
    }
    if (stream === null) this.local.delete(key);
    else this.local.set(key, stream);
    this.reconcile();
  }

  applyPlan(plan: PeerPlan): void {
    this.assertOpen();
    if (plan.self !== this.selfId) {
      throw new RangeError(`Plan for ${plan.self} given to ${this.selfId}`);
    }
    const latest = this.prepared ?? this.committed;
    if (latest !== null && plan.version <= latest.version) {
      this.logger.debug('stale plan ignored', { version: plan.version, latest: latest.version });
      return;
    }
    this.prepared = plan;
    this.pending.set(plan.version, plan);
    // The first plan has nothing older to keep alive, so it is in force at once.
    if (this.committed === null) this.commitPlan(plan.version);
    else this.reconcile();
  }

  commitPlan(version: number): void {
    this.assertOpen();
    if (this.committed?.version === version) return;
    const plan = this.pending.get(version);
    if (plan === undefined) {
      this.logger.debug('commit of an unknown plan ignored', { version });
      return;
    }
    this.committed = plan;
    for (const v of [...this.pending.keys()]) if (v < version) this.pending.delete(v);
    this.reconcile();
  }

  handleSignal(from: PeerId, epoch: number, signal: Signal): void {
    if (this.closed) return;
    const link = this.links.get(from);
    if (link !== undefined && link.epoch === epoch) {
      link.handleSignal(signal);
      return;
    }
    const latest = this.prepared ?? this.committed;
    if (latest === null || epoch > latest.version) {
      // The sender got a plan we have not received yet; it is on its way.
      if (this.early.length >= EARLY_SIGNALS_MAX) this.early.shift();
      this.early.push({ from, epoch, signal });
      return;
    }
    this.logger.debug('signal for an unknown link life dropped', {
      from,
      epoch,
      type: signal.type,
    });
  }

  sendChat(text: string): ChatMessage {
    this.assertOpen();
    return this.dataPlane.sendChat(text);
  }

  sendFile(file: { name: string; mimeType: string; data: Uint8Array }): Promise<{
    transferId: string;
  }> {
    this.assertOpen();
    return this.dataPlane.sendFile(file);
  }

  async getStats(): Promise<LinkStats[]> {
    return Promise.all([...this.links.values()].map((link) => link.getStats()));
  }

  /** The plan version last committed, or null before the first plan. */
  get committedVersion(): number | null {
    return this.committed?.version ?? null;
  }

  /** The remote stream shown for (origin, key), if any: the same object across switches. */
  remoteStream(origin: PeerId, key: StreamKey): MediaStream | null {
    return this.remote.get(streamKey(origin, key))?.stream ?? null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.dataPlane.close();
    for (const link of this.links.values()) this.closeLink(link);
    this.links.clear();
    this.early.length = 0;
    this.emitter.clear();
  }

  // --- reconciliation ----------------------------------------------------------------------

  /** Plans in force, newest first: the latest prepared, then the committed one. */
  private plansInForce(): PeerPlan[] {
    const plans: PeerPlan[] = [];
    if (this.prepared !== null) plans.push(this.prepared);
    if (this.committed !== null && this.committed !== this.prepared) plans.push(this.committed);
    return plans;
  }

  private reconcile(): void {
    if (this.closed) return;
    if (this.reconciling) {
      this.reconcileAgain = true;
      return;
    }
    this.reconciling = true;
    try {
      do {
        this.reconcileAgain = false;
        const plans = this.plansInForce();
        this.syncLinks(plans);
        const { available, announced } = this.incomingTracks();
        this.syncForwarding(plans, available, announced);
        this.syncRemoteStreams(plans, available, announced);
        this.checkReady(available);
        this.reportLinks();
      } while (this.reconcileAgain && !this.closed);
    } finally {
      this.reconciling = false;
    }
  }

  /** Holds the links of the committed plan and the latest prepared one; closes the rest. */
  private syncLinks(plans: readonly PeerPlan[]): void {
    const desired = new Map<PeerId, PlanLink>();
    for (const plan of [...plans].reverse()) for (const l of plan.links) desired.set(l.peer, l);
    for (const [peer, link] of [...this.links]) {
      const want = desired.get(peer);
      if (want === undefined || want.epoch !== link.epoch) {
        this.links.delete(peer);
        this.closeLink(link);
      }
    }
    for (const [peer, want] of desired) {
      if (!this.links.has(peer)) this.openLink(want);
    }
  }

  private openLink(plan: PlanLink): void {
    const link = new PeerLink({
      self: this.selfId,
      peer: plan.peer,
      epoch: plan.epoch,
      offerer: plan.offerer,
      polite: plan.polite,
      createPeerConnection: this.options.createPeerConnection,
      iceServers: this.options.iceServers,
      clock: this.clock,
      logger: this.logger,
    });
    this.links.set(plan.peer, link);
    const peer = plan.peer;
    this.linkDisposers.set(link, [
      link.on('signalProduced', (signal) =>
        this.emitter.emit('signalProduced', { to: peer, epoch: link.epoch, signal }),
      ),
      link.on('statusChanged', (status) => {
        this.emitter.emit('linkStateChanged', { peer, status });
        this.reconcile();
      }),
      link.on('incomingChanged', () => this.reconcile()),
      link.on('messageReceived', (message) => this.dataPlane.handle(peer, message)),
      link.on('errorRaised', (error) => this.emitter.emit('errorRaised', error)),
    ]);
    this.emitter.emit('linkStateChanged', { peer, status: link.status });
    const held = this.early.filter((s) => s.from === peer && s.epoch === plan.epoch);
    if (held.length > 0) {
      this.early.splice(0, this.early.length, ...this.early.filter((s) => !held.includes(s)));
      for (const s of held) link.handleSignal(s.signal);
    }
  }

  private closeLink(link: PeerLink): void {
    for (const dispose of this.linkDisposers.get(link) ?? []) dispose();
    this.linkDisposers.delete(link);
    link.close();
    if (!this.closed) this.emitter.emit('linkStateChanged', { peer: link.peer, status: 'closed' });
  }

  /**
   * Per link, the remote tracks it delivers: `available` ones have arrived (link connected,
   * named, live, unmuted and decoding), `announced` ones are named there but not decoding yet.
   * A track only announced shows nothing: a new sender's first frame needs a keyframe, so
   * preferring it to a route that decodes would freeze the tile. A link to a peer the newest plan
   * no longer has delivers nothing: its peer left, so what it still shows is going away.
   */
  private incomingTracks(): {
    available: Map<PeerId, TrackIdentity[]>;
    announced: Map<PeerId, TrackIdentity[]>;
  } {
    const available = new Map<PeerId, TrackIdentity[]>();
    const announced = new Map<PeerId, TrackIdentity[]>();
    const order = this.prepared?.order ?? [];
    for (const [peer, link] of this.links) {
      if (link.status !== 'connected') continue;
      if (order.length > 0 && !order.includes(peer)) continue;
      const decoding: TrackIdentity[] = [];
      const waiting: TrackIdentity[] = [];
      for (const incoming of link.incoming.values()) {
        if (incoming.track.readyState !== 'live' || incoming.track.muted) continue;
        (incoming.decoded ? decoding : waiting).push(incoming.identity);
      }
      available.set(peer, decoding);
      announced.set(peer, waiting);
    }
    return { available, announced };
  }

  private localTrack(key: StreamKey, kind: TrackKind): MediaStreamTrack | undefined {
    const stream = this.local.get(key);
    const tracks = kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks();
    return tracks?.find((t) => t.readyState === 'live');
  }

  private syncForwarding(
    plans: readonly PeerPlan[],
    available: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
    announced: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
  ): void {
    const local: Array<{ key: StreamKey; kind: TrackKind }> = [];
    for (const key of this.local.keys()) {
      for (const kind of KINDS)
        if (this.localTrack(key, kind) !== undefined) local.push({ key, kind });
    }
    const outgoing = planForwarding({ self: this.selfId, plans, local, available, announced });
    for (const [peer, link] of this.links) {
      const sources: OutgoingSource[] = [];
      for (const out of outgoing.get(peer) ?? []) {
        const identity = { origin: out.origin, key: out.key, kind: out.kind };
        const track =
          out.from === null
            ? this.localTrack(out.key, out.kind)
            : this.links.get(out.from)?.incoming.get(trackKey(identity))?.track;
        if (track !== undefined) sources.push({ identity, track });
      }
      link.setOutgoing(sources);
    }
  }

  private syncRemoteStreams(
    plans: readonly PeerPlan[],
    available: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
    announced: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
  ): void {
    const choices = chooseReceive(plans, available, announced);
    const named = new Set<string>();
    for (const link of this.links.values()) for (const k of link.incoming.keys()) named.add(k);
    const order = new Set(this.prepared?.order ?? []);

    const groups = new Map<string, ReceiveChoice[]>();
    for (const choice of choices.values()) {
      const sk = streamKey(choice.origin, choice.key);
      groups.set(sk, [...(groups.get(sk) ?? []), choice]);
    }
    for (const [sk, group] of groups) {
      const first = group[0];
      if (first === undefined) continue;
      const entry = this.remote.get(sk);
      // A stream's route is its video's, when it has video.
      const routed = group.find((c) => c.kind === 'video') ?? first;
      const route: StreamRoute = { path: [...routed.path], hops: routed.path.length - 1 };
      if (entry === undefined) {
        const stream = this.createMediaStream();
        const tracks = new Map<TrackKind, MediaStreamTrack>();
        for (const choice of group) {
          const track = this.trackOf(choice);
          if (track === undefined) continue;
          stream.addTrack(track);
          tracks.set(choice.kind, track);
        }
        const created = { origin: first.origin, key: first.key, stream, tracks, route };
        this.remote.set(sk, created);
        this.emitRemote(created);
        continue;
      }
      let changed = entry.route.path.join('>') !== route.path.join('>');
      for (const choice of group) {
        const track = this.trackOf(choice);
        const old = entry.tracks.get(choice.kind);
        if (track === undefined || track === old) continue;
        // Swap inside the same MediaStream, so the tile keeps its element and never clears.
        // Remove first: a relayed track may carry the same track id as the direct one.
        if (old !== undefined) entry.stream.removeTrack(old);
        entry.stream.addTrack(track);
        entry.tracks.set(choice.kind, track);
        changed = true;
      }
      for (const [kind, old] of [...entry.tracks]) {
        if (group.some((c) => c.kind === kind)) continue;
        if (named.has(trackKey({ origin: entry.origin, key: entry.key, kind }))) continue;
        entry.stream.removeTrack(old);
        entry.tracks.delete(kind);
        changed = true;
      }
      entry.route = route;
      if (changed) this.emitRemote(entry);
    }
    for (const [sk, entry] of [...this.remote]) {
      if (groups.has(sk) && order.has(entry.origin)) continue;
      const stillNamed = KINDS.some((kind) =>
        named.has(trackKey({ origin: entry.origin, key: entry.key, kind })),
      );
      // Keep the tile (frozen) while a link still names the stream, e.g. during an ICE restart.
      if (stillNamed && order.has(entry.origin)) continue;
      this.remote.delete(sk);
      this.emitter.emit('remoteStreamRemoved', { origin: entry.origin, key: entry.key });
    }
  }

  private trackOf(choice: ReceiveChoice): MediaStreamTrack | undefined {
    return this.links.get(choice.from)?.incoming.get(trackKey(choice))?.track;
  }

  private emitRemote(entry: RemoteEntry): void {
    this.emitter.emit('remoteStreamChanged', {
      origin: entry.origin,
      key: entry.key,
      stream: entry.stream,
      route: entry.route,
    });
  }

  private checkReady(available: ReadonlyMap<PeerId, readonly TrackIdentity[]>): void {
    const plan = this.prepared;
    if (plan === null || plan.version <= this.readyVersion) return;
    const connected = new Set<PeerId>();
    const named = new Map<string, TrackIdentity>();
    for (const [peer, link] of this.links) {
      if (link.status === 'connected') connected.add(peer);
      for (const [key, incoming] of link.incoming) named.set(key, incoming.identity);
    }
    if (!isPlanReady(plan, available, connected, [...named.values()])) return;
    this.readyVersion = plan.version;
    this.logger.info('plan ready', { version: plan.version });
    this.emitter.emit('planReady', { version: plan.version });
  }

  private reportLinks(): void {
    const reports: LinkReport[] = [];
    for (const [peer, link] of this.links) {
      const state = linkState(link.status);
      if (state === null) continue;
      const report: LinkReport = { peer, state };
      if (link.rttMs !== null) report.rttMs = link.rttMs;
      reports.push(report);
    }
    const key = reports.map((r) => `${r.peer}=${r.state}`).join(',');
    if (key === this.lastReport) return;
    this.lastReport = key;
    this.emitter.emit('linksReported', { links: reports });
  }

  /** Peers a data message of `origin` goes on to, arriving from `from`: the plans' forwards. */
  private nextHops(origin: PeerId, from: PeerId | null): PeerId[] {
    const hops = new Set<PeerId>();
    for (const plan of this.plansInForce()) {
      for (const f of plan.forward) {
        if (f.origin === origin && f.to !== from && f.to !== origin && this.links.has(f.to)) {
          hops.add(f.to);
        }
      }
    }
    return [...hops];
  }

  private assertOpen(): void {
    if (this.closed) throw new MeshRuntimeError('ERR_CLOSED', 'The mesh controller is closed');
  }
}
