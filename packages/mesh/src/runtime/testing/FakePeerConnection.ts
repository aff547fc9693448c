// Test support: an in-memory RTCPeerConnection good enough for negotiation logic. Descriptions
// are JSON, not SDP; like wrtc it has no implicit rollback, so glare must be resolved the way
// perfect negotiation says. Not part of the package's export list.
import { FakeDataChannel } from './FakeDataChannel';
import { FakeEventTarget } from './FakeEventTarget';
import type { FakeTrack } from './FakeTrack';
import { FakeTransceiver } from './FakeTransceiver';

// Where tests import every fake from one place (the controller's tests do), they still can.
export { FakeClock } from '@meshwork/kit';
export { FakeDataChannel } from './FakeDataChannel';
export { FakeMediaStream } from './FakeMediaStream';
export { FakeTrack } from './FakeTrack';
export { FAKE_CODECS, FakeTransceiver } from './FakeTransceiver';

interface FakeDescription {
  type: 'offer' | 'answer' | 'rollback' | 'pranswer';
  sdp: string;
}

interface FakeSdp {
  /** As the `o=` line's session version of a real SDP: every description a session makes is new. */
  version: number;
  ufrag: string;
  data: boolean;
  media: Array<{ mid: string; kind: 'audio' | 'video' }>;
}

let ufragSeq = 0;

/** Peer connections that can reach each other, with a switch to break the network. */
export class FakeNetwork {
  readonly byUfrag = new Map<string, FakePeerConnection>();
  blocked = false;
  /**
   * Sending tracks whose media no receiver decodes (a sender stuck before its first keyframe).
   * Any other track a connected far end sends decodes one more frame per stats read.
   */
  readonly undecodable = new Set<FakeTrack>();
  /** Every connection created, in order. */
  readonly created: FakePeerConnection[] = [];
  /**
   * Refuse, as Chromium does, a remote answer whose m-lines are not the offer's and a remote
   * offer that renames or reorders the m-lines negotiated before (a rollback gives an offer's new
   * m-lines fresh mids, so an offer made again after one is refused where the first was applied).
   */
  strictMlines = false;
}

/** The fake RTCPeerConnection. */
export class FakePeerConnection extends FakeEventTarget {
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: FakeDescription | null = null;
  remoteDescription: FakeDescription | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly channels: FakeDataChannel[] = [];
  /** Calls in order, for assertions about ordering (close, rollback). */
  readonly log: string[] = [];
  /** `setRemoteDescription()` calls so far. */
  remoteDescriptionsSet = 0;
  /** The session version of the last description this connection made. */
  private sessionVersion = 0;
  /** When false, argument-free setLocalDescription throws a TypeError (as wrtc does). */
  supportsImplicitDescription = true;
  /** `getStats()` calls so far. */
  statsReads = 0;

  private localUfrag = `u${ufragSeq++}`;
  private restartPending = false;
  private dataNegotiated = false;
  private remoteCandidateFor: string | null = null;
  private nextMid = 0;
  private pendingMids = new Map<FakeTransceiver, string>();
  private negotiationQueued = false;

  constructor(
    readonly network: FakeNetwork,
    private configuration: RTCConfiguration = {},
  ) {
    super();
    network.created.push(this);
    network.byUfrag.set(this.localUfrag, this);
  }

  // --- the RTCPeerConnection surface PeerLink uses ---

  getConfiguration(): RTCConfiguration {
    return this.configuration;
  }

  setConfiguration(configuration: RTCConfiguration): void {
    this.configuration = configuration;
  }

  createDataChannel(_label: string, init: { id?: number }): FakeDataChannel {
    const channel = new FakeDataChannel(this, init.id ?? 0);
    this.channels.push(channel);
    this.queueNegotiationNeeded();
    return channel;
  }

  addTransceiver(
    trackOrKind: FakeTrack | 'audio' | 'video',
    init: { direction?: string } = {},
  ): FakeTransceiver {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = new FakeTransceiver(kind, init.direction ?? 'sendrecv', track);
    this.transceivers.push(transceiver);
    this.queueNegotiationNeeded();
    return transceiver;
  }

  getTransceivers(): FakeTransceiver[] {
    return [...this.transceivers];
  }

  restartIce(): void {
    this.log.push('restartIce');
    this.restartPending = true;
    this.queueNegotiationNeeded();
  }

  async createOffer(options: { iceRestart?: boolean } = {}): Promise<FakeDescription> {
    this.assertOpen();
    if (options.iceRestart === true) {
      this.log.push('createOffer iceRestart');
      this.restartPending = true;
    }
    const ufrag = this.restartPending ? `u${ufragSeq++}` : this.localUfrag;
    // As in JSEP: negotiated m-lines keep their places, new ones follow.
    const rank = (t: FakeTransceiver) => {
      const i = t.mid === null ? -1 : this.negotiatedMids.indexOf(t.mid);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    const ordered = this.transceivers
      .map((t, i) => ({ t, i }))
      .sort((x, y) => rank(x.t) - rank(y.t) || x.i - y.i)
      .map(({ t }) => t);
    const media = ordered.map((t) => {
      const mid = t.mid ?? this.pendingMids.get(t) ?? this.unusedMid();
      if (t.mid === null) this.pendingMids.set(t, mid);
      return { mid, kind: t.kind };
    });
    this.sessionVersion += 1;
    const sdp: FakeSdp = {
      version: this.sessionVersion,
      ufrag,
      data: this.channels.length > 0,
      media,
    };
    return { type: 'offer', sdp: JSON.stringify(sdp) };
  }

  async createAnswer(): Promise<FakeDescription> {
    this.assertOpen();
    if (this.signalingState !== 'have-remote-offer') throw new Error('InvalidStateError');
    const remote = this.parse(this.remoteDescription);
    this.sessionVersion += 1;
    const sdp: FakeSdp = {
      version: this.sessionVersion,
      ufrag: this.restartPending ? `u${ufragSeq++}` : this.localUfrag,
      data: remote.data,
      media: remote.media,
    };
    return { type: 'answer', sdp: JSON.stringify(sdp) };
  }

  async setLocalDescription(description?: FakeDescription | { type: 'rollback' }): Promise<void> {
    this.assertOpen();
    if (description === undefined) {
      if (!this.supportsImplicitDescription) throw new TypeError('Expected an object');
      const made =
        this.signalingState === 'have-remote-offer'
          ? await this.createAnswer()
          : await this.createOffer();
      return this.setLocalDescription(made);
    }
    if (description.type === 'rollback') {
      if (this.signalingState !== 'have-local-offer') throw new Error('InvalidStateError');
      this.log.push('rollback');
      for (const t of this.pendingMids.keys()) t.mid = null;
      this.pendingMids.clear();
      this.localDescription = this.currentLocal;
      this.setSignaling('stable');
      return;
    }
    const desc = description as FakeDescription;
    const sdp = this.parse(desc);
    if (desc.type === 'offer') {
      if (this.signalingState !== 'stable' && this.signalingState !== 'have-local-offer') {
        throw new Error(`InvalidStateError: offer in ${this.signalingState}`);
      }
      for (const [t, mid] of this.pendingMids) t.mid = mid;
      this.adoptUfrag(sdp.ufrag);
      this.localDescription = desc;
      this.setSignaling('have-local-offer');
    } else {
      if (this.signalingState !== 'have-remote-offer') {
        throw new Error(`InvalidStateError: answer in ${this.signalingState}`);
      }
      this.adoptUfrag(sdp.ufrag);
      this.localDescription = desc;
      this.currentLocal = desc;
      this.dataNegotiated = this.dataNegotiated || sdp.data;
      this.markNegotiated();
      this.setSignaling('stable');
      this.maybeConnect();
    }
    this.gather();
  }

  async setRemoteDescription(description: FakeDescription): Promise<void> {
    this.assertOpen();
    this.remoteDescriptionsSet += 1;
    const sdp = this.parse(description);
    if (description.type === 'offer') {
      if (this.signalingState !== 'stable' && this.signalingState !== 'have-remote-offer') {
        throw new Error(`InvalidStateError: remote offer in ${this.signalingState}`);
      }
      this.checkOrder(
        sdp.media,
        this.negotiatedMids,
        "The order of m-lines in subsequent offer doesn't match order from previous offer/answer.",
      );
      for (const m of sdp.media) {
        if (this.transceivers.some((t) => t.mid === m.mid)) continue;
        const t = new FakeTransceiver(m.kind, 'recvonly', null);
        t.mid = m.mid;
        this.transceivers.push(t);
        this.dispatch('track', { track: t.receiver.track, transceiver: t });
      }
      this.remoteDescription = description;
      this.setSignaling('have-remote-offer');
    } else {
      if (this.signalingState !== 'have-local-offer') {
        throw new Error(`InvalidStateError: remote answer in ${this.signalingState}`);
      }
      const offered = this.parse(this.localDescription).media.map((m) => m.mid);
      if (this.network.strictMlines && sdp.media.length !== offered.length) {
        throw new Error(
          "InvalidAccessError: The order of m-lines in answer doesn't match order in offer.",
        );
      }
      this.checkOrder(
        sdp.media,
        offered,
        "The order of m-lines in answer doesn't match order in offer.",
      );
      this.remoteDescription = description;
      this.currentLocal = this.localDescription;
      this.dataNegotiated = this.dataNegotiated || sdp.data;
      this.pendingMids.clear();
      this.markNegotiated();
      this.setSignaling('stable');
    }
    this.maybeConnect();
  }

  /** An exchange completed: every transceiver it named has a current direction. */
  private markNegotiated(): void {
    this.negotiatedMids = this.parse(this.localDescription).media.map((m) => m.mid);
    for (const t of this.transceivers) if (t.mid !== null) t.currentDirection = t.direction;
  }

  async addIceCandidate(init: { candidate?: string; usernameFragment?: string | null }) {
    this.assertOpen();
    if (this.remoteDescription === null)
      throw new Error('InvalidStateError: no remote description');
    const remoteUfrag = this.parse(this.remoteDescription).ufrag;
    if (init.usernameFragment !== remoteUfrag) throw new Error('OperationError: unknown ufrag');
    this.remoteCandidateFor = remoteUfrag;
    this.maybeConnect();
  }

  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    this.statsReads += 1;
    const inbound: Array<[string, Record<string, unknown>]> = [];
    const far = this.connectionState === 'connected' ? this.farEnd() : undefined;
    for (const t of this.transceivers) {
      if (t.mid === null) continue;
      const source = far?.transceivers.find((f) => f.mid === t.mid && f !== t)?.sender.track;
      if (source?.readyState === 'live' && !this.network.undecodable.has(source)) {
        t.decodedCount += 1;
      }
      if (t.decodedCount === 0) continue;
      const id = `IN${t.mid}`;
      inbound.push([
        id,
        {
          id,
          type: 'inbound-rtp',
          kind: t.kind,
          mid: t.mid,
          trackIdentifier: t.receiver.track.id,
          packetsReceived: t.decodedCount,
          ...(t.kind === 'video' ? { framesDecoded: t.decodedCount } : {}),
        },
      ]);
    }
    return new Map([
      ...inbound,
      ['T', { id: 'T', type: 'transport', selectedCandidatePairId: 'P' }],
      [
        'P',
        {
          id: 'P',
          type: 'candidate-pair',
          currentRoundTripTime: 0.004,
          localCandidateId: 'L',
          nominated: true,
          state: 'succeeded',
        },
      ],
      ['L', { id: 'L', type: 'local-candidate', candidateType: 'host' }],
    ]);
  }

  close(): void {
    if (this.connectionState === 'closed') return;
    this.log.push('pc.close');
    this.connectionState = 'closed';
    this.signalingState = 'closed';
    for (const c of this.channels) c.readyState = 'closed';
  }

  // --- test controls ---

  /** The connection at the other end, found by the remote description's ufrag. */
  farEnd(): FakePeerConnection | undefined {
    if (this.remoteDescription === null) return undefined;
    return this.network.byUfrag.get(this.parse(this.remoteDescription).ufrag);
  }

  /** Breaks the transport: connectionState goes to `state` until a restart reconnects it. */
  breakTransport(state: 'failed' | 'disconnected' = 'failed'): void {
    this.remoteCandidateFor = null;
    this.setConnection(state);
  }

  /** The ufrag of the current local description. */
  get ufrag(): string {
    return this.localUfrag;
  }

  // --- internals ---

  private currentLocal: FakeDescription | null = null;
  /** Mids of the last completed exchange, in m-line order: a later one may only add to them. */
  private negotiatedMids: string[] = [];

  /** Throws as Chromium does when `media` reorders or renames the negotiated m-lines. */
  private checkOrder(media: FakeSdp['media'], against: readonly string[], what: string): void {
    if (!this.network.strictMlines) return;
    const mids = media.map((m) => m.mid);
    if (against.some((mid, i) => mids[i] !== mid)) throw new Error(`InvalidAccessError: ${what}`);
  }

  private assertOpen(): void {
    if (this.connectionState === 'closed') throw new Error('InvalidStateError: closed');
  }

  private parse(description: FakeDescription | null): FakeSdp {
    if (description === null) throw new Error('no description');
    return JSON.parse(description.sdp) as FakeSdp;
  }

  /** A mid no transceiver of this session uses yet, including ones the far end named. */
  private unusedMid(): string {
    const used = new Set<string>();
    for (const t of this.transceivers) {
      const mid = t.mid ?? this.pendingMids.get(t);
      if (mid !== undefined && mid !== null) used.add(mid);
    }
    while (used.has(String(this.nextMid))) this.nextMid++;
    return String(this.nextMid++);
  }

  private adoptUfrag(ufrag: string): void {
    if (ufrag === this.localUfrag) return;
    this.localUfrag = ufrag;
    this.restartPending = false;
    this.network.byUfrag.set(ufrag, this);
  }

  private gather(): void {
    const ufrag = this.localUfrag;
    // Gathering reports in a later task, after setLocalDescription resolves, as browsers do.
    setImmediate(() => {
      if (this.connectionState === 'closed') return;
      this.dispatch('icecandidate', {
        candidate: {
          candidate: `candidate:1 1 udp 1 127.0.0.1 9 typ host ufrag ${ufrag}`,
          sdpMid: '0',
          sdpMLineIndex: 0,
          usernameFragment: ufrag,
        },
      });
      this.dispatch('icecandidate', { candidate: null });
    });
  }

  private setSignaling(state: RTCSignalingState): void {
    this.signalingState = state;
    this.dispatch('signalingstatechange');
    if (state === 'stable' && this.needsNegotiation()) this.queueNegotiationNeeded();
  }

  private needsNegotiation(): boolean {
    return (
      this.restartPending ||
      (this.channels.length > 0 && !this.dataNegotiated) ||
      this.transceivers.some((t) => t.mid === null)
    );
  }

  private queueNegotiationNeeded(): void {
    if (this.negotiationQueued) return;
    this.negotiationQueued = true;
    queueMicrotask(() => {
      this.negotiationQueued = false;
      if (this.connectionState === 'closed') return;
      if (this.signalingState === 'stable' && this.needsNegotiation()) {
        this.dispatch('negotiationneeded');
      }
    });
  }

  private setConnection(state: RTCPeerConnectionState): void {
    if (this.connectionState === state || this.connectionState === 'closed') return;
    this.connectionState = state;
    this.dispatch('connectionstatechange');
  }

  private maybeConnect(): void {
    if (this.connectionState === 'closed' || this.connectionState === 'connected') return;
    if (this.signalingState !== 'stable' || this.remoteDescription === null) return;
    const remoteUfrag = this.parse(this.remoteDescription).ufrag;
    if (this.remoteCandidateFor !== remoteUfrag || this.network.blocked) return;
    if (this.connectionState === 'new') this.setConnection('connecting');
    this.setConnection('connected');
    const far = this.farEnd();
    if (far?.connectionState === 'connected') {
      for (const c of [...this.channels, ...far.channels]) c.open();
    }
  }
}

/** A factory PeerLink and MeshController accept, creating fakes on `network`. */
export function fakeFactory(network: FakeNetwork): (config: RTCConfiguration) => RTCPeerConnection {
  return (config) => new FakePeerConnection(network, config) as unknown as RTCPeerConnection;
}
