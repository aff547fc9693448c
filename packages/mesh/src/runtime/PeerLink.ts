import {
  type CandidateSignal,
  type DescriptionSignal,
  type IceServer,
  type ManifestEntry,
  type PeerId,
  type PeerMessage,
  parsePeerMessage,
  type Signal,
} from '@meshwork/protocol';
import { ControlChannel } from './ControlChannel';
import { preferStableCodecs } from './codecs';
import { Emitter } from './Emitter';
import {
  identityOf,
  manifestEntry,
  manifestFingerprint,
  type TrackIdentity,
  trackKey,
} from './manifest';
import { SerialQueue } from './SerialQueue';
import { mediaCountsByMid, type StatsSample, summarizeStats } from './stats';
import type {
  Clock,
  CreatePeerConnection,
  LinkStats,
  LinkStatus,
  Logger,
  MeshError,
  MeshErrorCode,
} from './types';

/** Wait before ICE restart attempt n (its length bounds the attempts). */
export const ICE_RESTART_BACKOFF_MS: readonly number[] = [250, 1_000, 3_000];
/** How long one ICE restart may take to connect before the next attempt. */
export const ICE_RESTART_TIMEOUT_MS = 10_000;
/** How long a link may stay `disconnected` before it is treated as failed. */
export const DISCONNECTED_GRACE_MS = 3_000;
/** How long a new link may take to connect at all before ICE restarts begin. */
export const CONNECT_TIMEOUT_MS = 15_000;
/** Interval of RTT pings on the control channel. */
export const PING_INTERVAL_MS = 2_000;
/** Id of the negotiated control data channel on every link. */
export const CONTROL_CHANNEL_ID = 0;
/**
 * Interval of stats polls while some incoming track has not decoded media yet. Polling bounds
 * how long a decoded first frame goes unnoticed; it runs only while a track is waiting.
 */
export const DECODE_POLL_INTERVAL_MS = 25;
/**
 * How long a named incoming track on a connected link may go without decoded media before it
 * counts as arrived anyway, so a route that never decodes cannot hold a switch forever.
 */
export const FIRST_FRAME_DEADLINE_MS = 3_000;

/** Options of one link. Everything with a side effect is injected. */
export interface PeerLinkOptions {
  self: PeerId;
  peer: PeerId;
  epoch: number;
  offerer: boolean;
  polite: boolean;
  createPeerConnection: CreatePeerConnection;
  iceServers: readonly IceServer[];
  clock: Clock;
  logger: Logger;
}

/** A remote track arriving on a link, named by the far end's manifest. */
export interface IncomingTrack {
  identity: TrackIdentity;
  mid: string;
  track: MediaStreamTrack;
  /**
   * Media decoded on it since the manifest named it (video frames decoded, audio packets
   * received), or `FIRST_FRAME_DEADLINE_MS` passed without any.
   */
  decoded: boolean;
}

/** An incoming track waiting for its first decoded media. */
interface FirstFrameWait {
  /** The mid's media count before this identity; null until the first poll reads it. */
  baseline: number | null;
  /** When the wait began on a connected link (the deadline runs from here). */
  since: number | null;
}

/** A track this link should send. */
export interface OutgoingSource {
  identity: TrackIdentity;
  track: MediaStreamTrack;
}

/** Events of one link. */
export interface PeerLinkEvents {
  signalProduced: Signal;
  statusChanged: LinkStatus;
  /** The set of named incoming tracks, or whether they decode, changed; read `incoming`. */
  incomingChanged: undefined;
  /** A parsed room-data message (chat, file) arrived on the control channel. */
  messageReceived: PeerMessage;
  /** The control channel opened. */
  channelOpened: undefined;
  errorRaised: MeshError;
}

interface SendSlot {
  transceiver: RTCRtpTransceiver;
  kind: string;
  identity: TrackIdentity;
}

function toRtcIceServer(server: IceServer): RTCIceServer {
  const out: RTCIceServer = { urls: server.urls };
  if (server.username !== undefined) out.username = server.username;
  if (server.credential !== undefined) out.credential = server.credential;
  return out;
}

/**
 * One RTCPeerConnection to one peer for one link life (peer + epoch). Perfect negotiation with
 * roles from the plan, trickle ICE, serialised operations, ICE restarts with backoff, a
 * negotiated control channel, and mid-based manifests naming every track it sends.
 */
export class PeerLink {
  readonly peer: PeerId;
  readonly epoch: number;
  readonly offerer: boolean;
  readonly polite: boolean;

  private readonly pc: RTCPeerConnection;
  private readonly channel: ControlChannel;
  private readonly emitter: Emitter<PeerLinkEvents>;
  private readonly queue = new SerialQueue();
  private readonly clock: Clock;
  private readonly logger: Logger;

  private currentStatus: LinkStatus = 'new';
  private closed = false;
  // Perfect negotiation state (webrtc samples pattern).
  private makingOffer = false;
  private ignoreOffer = false;
  private isSettingRemoteAnswerPending = false;
  private negotiationWanted = false;
  private iceRestartWanted = false;
  private lastSentManifest = '';
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];

  private remoteManifest = new Map<string, ManifestEntry>();
  private incomingTracks = new Map<string, IncomingTrack>();
  private readonly watchedTracks = new WeakSet<MediaStreamTrack>();
  private readonly firstFrameWaits = new Map<string, FirstFrameWait>();
  /** Mids that have ever carried a named track: a new identity on one starts from its count. */
  private readonly namedMids = new Set<string>();
  private decodePolling = false;
  private decodePollTimer: unknown = null;
  private firstFrameTimer: unknown = null;

  private readonly sending = new Map<string, SendSlot>();
  private readonly idle: SendSlot[] = [];
  private desiredOutgoing = new Map<string, OutgoingSource>();
  private outgoingSyncQueued = false;

  private restartAttempts = 0;
  private restartTimer: unknown = null;
  private restartDeadline: unknown = null;
  private disconnectTimer: unknown = null;
  private connectTimer: unknown = null;
  private pingTimer: unknown = null;
  private pingSeq = 0;
  private readonly pingsInFlight = new Map<number, number>();
  private lastRtt: number | null = null;
  private statsSample: StatsSample | null = null;

  constructor(options: PeerLinkOptions) {
    this.peer = options.peer;
    this.epoch = options.epoch;
    this.offerer = options.offerer;
    this.polite = options.polite;
    this.clock = options.clock;
    this.logger = options.logger.child(`link:${options.peer}@${options.epoch}`);
    this.emitter = new Emitter(this.logger);
    this.pc = options.createPeerConnection({
      iceServers: options.iceServers.map(toRtcIceServer),
    });
    this.pc.addEventListener('negotiationneeded', () => {
      this.negotiationWanted = true;
      this.enqueue('negotiate', () => this.maybeNegotiate());
    });
    this.pc.addEventListener('icecandidate', (event: RTCPeerConnectionIceEvent) =>
      this.onLocalCandidate(event.candidate),
    );
    this.pc.addEventListener('connectionstatechange', () => this.onConnectionState());
    const dc = this.pc.createDataChannel('meshwork', {
      negotiated: true,
      id: CONTROL_CHANNEL_ID,
      ordered: true,
    });
    this.channel = new ControlChannel(dc, this.logger);
    this.channel.setMessageHandler((data) => this.onChannelMessage(data));
    dc.addEventListener('open', () => {
      if (this.closed) return;
      this.emitter.emit('channelOpened', undefined);
      this.ping();
    });
    this.connectTimer = this.clock.setTimeout(() => {
      this.connectTimer = null;
      if (this.currentStatus !== 'connected') this.beginRestart('connect timeout');
    }, CONNECT_TIMEOUT_MS);
  }

  /** Current lifecycle state. */
  get status(): LinkStatus {
    return this.currentStatus;
  }

  /** Remote tracks named by the far end's manifest, by track key. */
  get incoming(): ReadonlyMap<string, IncomingTrack> {
    return this.incomingTracks;
  }

  /** Last RTT measured by a ping on the control channel, in milliseconds. */
  get rttMs(): number | null {
    return this.lastRtt;
  }

  /** Whether the control channel is open. */
  get channelOpen(): boolean {
    return this.channel.open;
  }

  /** Subscribes to a link event; returns the disposer. */
  on<E extends keyof PeerLinkEvents>(
    event: E,
    listener: (payload: PeerLinkEvents[E]) => void,
  ): () => void {
    return this.emitter.on(event, listener);
  }

  /** Handles a signal the far end of this link life sent. */
  handleSignal(signal: Signal): void {
    if (this.closed) return;
    switch (signal.type) {
      case 'description':
        this.enqueue('description', () => this.onDescription(signal));
        break;
      case 'candidate':
        this.enqueue('candidate', () => this.onRemoteCandidate(signal));
        break;
      case 'ice-restart':
        if (!this.offerer) {
          this.raise('ERR_BAD_SIGNAL', 'ice-restart sent to the non-offerer of a link');
          return;
        }
        this.logger.info('far end asked for an ICE restart');
        this.restartIce();
        break;
    }
  }

  /**
   * Declares which tracks this link sends. Applied in order with negotiation: an identity
   * already sent gets `replaceTrack`, a new one reuses an idle transceiver of its kind, or adds
   * one; identities no longer wanted are silenced and their transceivers kept for reuse.
   */
  setOutgoing(sources: Iterable<OutgoingSource>): void {
    if (this.closed) return;
    const next = new Map<string, OutgoingSource>();
    for (const source of sources) next.set(trackKey(source.identity), source);
    const unchanged =
      next.size === this.desiredOutgoing.size &&
      [...next].every(([k, v]) => this.desiredOutgoing.get(k)?.track === v.track);
    if (unchanged) return;
    this.desiredOutgoing = next;
    if (this.outgoingSyncQueued) return;
    this.outgoingSyncQueued = true;
    this.enqueue('outgoing', async () => {
      this.outgoingSyncQueued = false;
      await this.syncOutgoing();
    });
  }

  /** Sends a room-data message on the control channel; false if the link closed first. */
  send(message: PeerMessage): Promise<boolean> {
    return this.channel.send(JSON.stringify(message));
  }

  /** Samples the connection's stats now. */
  async getStats(): Promise<LinkStats> {
    const base = { peer: this.peer, status: this.currentStatus };
    if (this.closed) {
      return {
        ...base,
        rttMs: this.lastRtt,
        outboundKbps: 0,
        inboundKbps: 0,
        packetLoss: 0,
        framesDecoded: 0,
        candidateType: null,
      };
    }
    const report = await this.pc.getStats();
    const summary = summarizeStats(
      report as unknown as Parameters<typeof summarizeStats>[0],
      this.statsSample,
      this.clock.now(),
    );
    this.statsSample = summary.sample;
    const { sample: _sample, ...numbers } = summary;
    return { ...base, ...numbers, rttMs: summary.rttMs ?? this.lastRtt };
  }

  /** Idempotent: closes the control channel, then the peer connection. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of [
      this.restartTimer,
      this.restartDeadline,
      this.disconnectTimer,
      this.connectTimer,
      this.pingTimer,
      this.decodePollTimer,
      this.firstFrameTimer,
    ]) {
      if (timer !== null) this.clock.clearTimeout(timer);
    }
    this.channel.close();
    try {
      this.pc.close();
    } catch (err) {
      this.logger.debug('peer connection close threw', { error: String(err) });
    }
    this.setStatus('closed');
    this.emitter.clear();
  }

  // --- negotiation -------------------------------------------------------------------------

  private enqueue(what: string, op: () => Promise<void> | void): void {
    this.queue
      .push(async () => {
        if (!this.closed) await op();
      })
      .catch((err: unknown) => {
        if (this.closed) {
          this.logger.debug(`${what} failed after close`, { error: String(err) });
          return;
        }
        this.raise('ERR_NEGOTIATION_FAILED', `${what} failed: ${String(err)}`);
      });
  }

  private async maybeNegotiate(): Promise<void> {
    if (this.closed || this.pc.signalingState !== 'stable') return;
    const manifestChanged = this.lastSentManifest !== manifestFingerprint(this.localManifest());
    if (!this.negotiationWanted && !this.iceRestartWanted && !manifestChanged) return;
    // The offerer speaks first; the other side's wishes ride on the answer or follow it.
    if (!this.offerer && this.pc.remoteDescription === null) return;
    this.negotiationWanted = false;
    const iceRestart = this.iceRestartWanted;
    this.iceRestartWanted = false;
    if (this.currentStatus === 'new') this.setStatus('connecting');
    this.makingOffer = true;
    try {
      await this.setLocalDescription(iceRestart);
      this.sendDescription();
    } finally {
      this.makingOffer = false;
    }
  }

  private async onDescription(signal: DescriptionSignal): Promise<void> {
    const description = signal.description;
    if (description.type !== 'offer' && description.type !== 'answer') {
      this.raise('ERR_BAD_SIGNAL', `unexpected description type ${description.type}`);
      return;
    }
    const readyForOffer =
      !this.makingOffer &&
      (this.pc.signalingState === 'stable' || this.isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) {
      this.logger.debug('glare: ignoring the far end offer (impolite)');
      return;
    }
    if (description.type === 'answer' && this.pc.signalingState !== 'have-local-offer') {
      this.logger.debug('dropping an answer to no offer of ours', {
        state: this.pc.signalingState,
      });
      return;
    }
    if (this.currentStatus === 'new') this.setStatus('connecting');
    if (offerCollision) {
      // Explicit rollback: some implementations (wrtc) lack the implicit one.
      this.logger.debug('glare: rolling back our offer (polite)');
      await this.pc.setLocalDescription({ type: 'rollback' });
      this.negotiationWanted = true;
    }
    this.isSettingRemoteAnswerPending = description.type === 'answer';
    this.remoteManifest = new Map(signal.manifest.map((e) => [e.mid, e]));
    try {
      await this.pc.setRemoteDescription(description);
    } finally {
      this.isSettingRemoteAnswerPending = false;
    }
    if (this.closed) return;
    await this.flushCandidates();
    this.refreshIncoming();
    if (description.type === 'offer') {
      await this.setLocalDescription(false);
      this.sendDescription();
    }
    await this.maybeNegotiate();
  }

  /** Argument-free setLocalDescription, falling back to create* where it is not implemented. */
  private async setLocalDescription(iceRestart: boolean): Promise<void> {
    this.preferStableCodecs();
    if (!iceRestart) {
      try {
        await this.pc.setLocalDescription();
        return;
      } catch (err) {
        if (!(err instanceof TypeError)) throw err;
      }
    }
    const answering =
      this.pc.signalingState === 'have-remote-offer' ||
      this.pc.signalingState === 'have-local-pranswer';
    const description = answering
      ? await this.pc.createAnswer()
      : await this.pc.createOffer(iceRestart ? { iceRestart: true } : {});
    await this.pc.setLocalDescription(description);
  }

  /**
   * One codec list on every m-line, whichever end offers: a changed receive codec list makes
   * libwebrtc rebuild the link's receive streams, freezing every tile on it until keyframes.
   */
  private preferStableCodecs(): void {
    for (const transceiver of this.pc.getTransceivers()) {
      try {
        preferStableCodecs(transceiver);
      } catch (err) {
        this.logger.debug('codec preferences refused', { error: String(err) });
      }
    }
  }

  private sendDescription(): void {
    const local = this.pc.localDescription;
    if (local === null || this.closed) return;
    const manifest = this.localManifest();
    this.lastSentManifest = manifestFingerprint(manifest);
    this.emitter.emit('signalProduced', {
      type: 'description',
      description: { type: local.type, sdp: local.sdp },
      manifest,
    });
  }

  private localManifest(): ManifestEntry[] {
    const entries: ManifestEntry[] = [];
    for (const slot of this.sending.values()) {
      const mid = slot.transceiver.mid;
      if (mid !== null) entries.push(manifestEntry(mid, slot.identity));
    }
    return entries;
  }

  private refreshIncoming(): void {
    const next = new Map<string, IncomingTrack>();
    for (const transceiver of this.pc.getTransceivers()) {
      const mid = transceiver.mid;
      if (mid === null) continue;
      const entry = this.remoteManifest.get(mid);
      if (entry === undefined) continue;
      const track = transceiver.receiver.track;
      if (track.kind !== entry.kind) {
        this.raise('ERR_BAD_SIGNAL', `manifest names ${entry.kind} for a ${track.kind} mid`);
        continue;
      }
      const identity = identityOf(entry);
      const key = trackKey(identity);
      const prev = this.incomingTracks.get(key);
      const kept = prev !== undefined && prev.track === track && prev.mid === mid;
      next.set(key, { identity, mid, track, decoded: kept && prev.decoded });
      if (!kept) {
        // A mid that carried another identity has counted media already: only more counts.
        this.firstFrameWaits.set(key, {
          baseline: this.namedMids.has(mid) ? null : 0,
          since: null,
        });
      }
      this.namedMids.add(mid);
      this.watchMute(track);
    }
    for (const key of [...this.firstFrameWaits.keys()]) {
      if (!next.has(key)) this.firstFrameWaits.delete(key);
    }
    const same =
      next.size === this.incomingTracks.size &&
      [...next].every(([k, v]) => {
        const prev = this.incomingTracks.get(k);
        return prev !== undefined && prev.track === v.track && prev.mid === v.mid;
      });
    this.incomingTracks = next;
    if (!same) this.emitter.emit('incomingChanged', undefined);
    this.watchDecoding();
  }

  // --- first decoded media -------------------------------------------------------------------

  /**
   * While a named incoming track has not decoded media, polls the connection's stats (one poll
   * at a time, then every DECODE_POLL_INTERVAL_MS) and arms the first-frame deadline.
   */
  private watchDecoding(): void {
    if (this.closed || this.currentStatus !== 'connected') return;
    if (this.firstFrameWaits.size === 0) {
      this.stopDecodeTimers();
      return;
    }
    const now = this.clock.now();
    for (const wait of this.firstFrameWaits.values()) wait.since ??= now;
    if (this.firstFrameTimer === null) {
      const earliest = Math.min(...[...this.firstFrameWaits.values()].map((w) => w.since ?? now));
      this.firstFrameTimer = this.clock.setTimeout(
        () => {
          this.firstFrameTimer = null;
          this.onFirstFrameDeadline();
        },
        Math.max(0, earliest + FIRST_FRAME_DEADLINE_MS - now),
      );
    }
    if (!this.decodePolling && this.decodePollTimer === null) void this.pollDecoding();
  }

  private async pollDecoding(): Promise<void> {
    this.decodePolling = true;
    let counts: Map<string, number> | null = null;
    try {
      const report = await this.pc.getStats();
      counts = mediaCountsByMid(
        report as unknown as Parameters<typeof mediaCountsByMid>[0],
        (trackId) =>
          this.pc.getTransceivers().find((t) => t.receiver.track.id === trackId)?.mid ?? null,
      );
    } catch (err) {
      this.logger.debug('stats poll failed', { error: String(err) });
    } finally {
      this.decodePolling = false;
    }
    if (this.closed) return;
    if (counts !== null) {
      const decoded: string[] = [];
      for (const [key, wait] of this.firstFrameWaits) {
        const incoming = this.incomingTracks.get(key);
        if (incoming === undefined) continue;
        const count = counts.get(incoming.mid) ?? 0;
        if (wait.baseline === null) wait.baseline = count;
        else if (count > wait.baseline) decoded.push(key);
      }
      this.markDecoded(decoded, 'decoded');
    }
    if (this.firstFrameWaits.size > 0 && this.currentStatus === 'connected') {
      this.decodePollTimer = this.clock.setTimeout(() => {
        this.decodePollTimer = null;
        if (!this.closed && !this.decodePolling) void this.pollDecoding();
      }, DECODE_POLL_INTERVAL_MS);
    } else {
      this.stopDecodeTimers();
    }
  }

  private onFirstFrameDeadline(): void {
    if (this.closed) return;
    const now = this.clock.now();
    const overdue = [...this.firstFrameWaits]
      .filter(([, wait]) => wait.since !== null && now - wait.since >= FIRST_FRAME_DEADLINE_MS)
      .map(([key]) => key);
    if (overdue.length > 0) {
      this.logger.warn('no media decoded within the deadline; counting it arrived', {
        tracks: overdue,
      });
    }
    this.markDecoded(overdue, 'deadline');
    this.watchDecoding();
  }

  private markDecoded(keys: readonly string[], why: 'decoded' | 'deadline'): void {
    if (keys.length === 0) return;
    for (const key of keys) {
      this.firstFrameWaits.delete(key);
      const incoming = this.incomingTracks.get(key);
      if (incoming === undefined) continue;
      this.incomingTracks.set(key, { ...incoming, decoded: true });
      this.logger.debug('incoming track decoding', { track: key, why });
    }
    this.emitter.emit('incomingChanged', undefined);
  }

  private stopDecodeTimers(): void {
    if (this.decodePollTimer !== null) this.clock.clearTimeout(this.decodePollTimer);
    if (this.firstFrameTimer !== null) this.clock.clearTimeout(this.firstFrameTimer);
    this.decodePollTimer = null;
    this.firstFrameTimer = null;
  }

  /** Mute and unmute tell whether media flows on a track, so they change what has arrived. */
  private watchMute(track: MediaStreamTrack): void {
    if (this.watchedTracks.has(track)) return;
    this.watchedTracks.add(track);
    const changed = () => {
      if (!this.closed) this.emitter.emit('incomingChanged', undefined);
    };
    track.addEventListener('mute', changed);
    track.addEventListener('unmute', changed);
  }

  private async syncOutgoing(): Promise<void> {
    const desired = this.desiredOutgoing;
    for (const [key, slot] of [...this.sending]) {
      if (desired.has(key)) continue;
      this.sending.delete(key);
      this.idle.push(slot);
      await slot.transceiver.sender.replaceTrack(null);
    }
    for (const [key, source] of desired) {
      const slot = this.sending.get(key);
      if (slot !== undefined) {
        if (slot.transceiver.sender.track !== source.track) {
          await slot.transceiver.sender.replaceTrack(source.track);
        }
        continue;
      }
      const index = this.idle.findIndex((s) => s.kind === source.identity.kind);
      const reused = index >= 0 ? this.idle.splice(index, 1)[0] : undefined;
      if (reused !== undefined) {
        reused.identity = source.identity;
        this.sending.set(key, reused);
        await reused.transceiver.sender.replaceTrack(source.track);
      } else {
        const transceiver = this.pc.addTransceiver(source.track, { direction: 'sendonly' });
        this.sending.set(key, {
          transceiver,
          kind: source.identity.kind,
          identity: source.identity,
        });
      }
      if (this.closed) return;
    }
    // A reused transceiver changes only the manifest, which no negotiationneeded announces.
    await this.maybeNegotiate();
  }

  // --- ICE ---------------------------------------------------------------------------------

  private onLocalCandidate(candidate: RTCIceCandidate | null): void {
    if (this.closed) return;
    const signal: CandidateSignal =
      candidate === null || candidate.candidate === ''
        ? { type: 'candidate', candidate: null }
        : {
            type: 'candidate',
            candidate: {
              candidate: candidate.candidate,
              sdpMid: candidate.sdpMid ?? null,
              sdpMLineIndex: candidate.sdpMLineIndex ?? null,
              usernameFragment: candidate.usernameFragment ?? null,
            },
          };
    this.emitter.emit('signalProduced', signal);
  }

  private async onRemoteCandidate(signal: CandidateSignal): Promise<void> {
    // End of candidates needs no action: ICE completes on the candidates it has.
    if (signal.candidate === null) return;
    const init: RTCIceCandidateInit = {
      candidate: signal.candidate.candidate,
      sdpMid: signal.candidate.sdpMid ?? null,
      sdpMLineIndex: signal.candidate.sdpMLineIndex ?? null,
      usernameFragment: signal.candidate.usernameFragment ?? null,
    };
    if (this.pc.remoteDescription === null) {
      this.pendingCandidates.push(init);
      return;
    }
    await this.addCandidate(init);
  }

  private async flushCandidates(): Promise<void> {
    for (const init of this.pendingCandidates.splice(0)) await this.addCandidate(init);
  }

  private async addCandidate(init: RTCIceCandidateInit): Promise<void> {
    try {
      await this.pc.addIceCandidate(init);
    } catch (err) {
      // Candidates of an offer ignored in glare, or of an ICE generation a restart replaced,
      // are expected to fail. A candidate that mattered shows up as ICE failure, which the
      // restart machinery reports (ERR_ICE_FAILED), so nothing is hidden by not raising here.
      if (this.ignoreOffer) return;
      this.logger.warn('remote candidate rejected', { error: String(err) });
    }
  }

  private onConnectionState(): void {
    if (this.closed) return;
    const state = this.pc.connectionState;
    this.logger.debug('connection state', { state });
    switch (state) {
      case 'connected':
        this.clearRestartTimers();
        this.restartAttempts = 0;
        if (this.currentStatus !== 'failed') this.setStatus('connected');
        this.watchDecoding();
        break;
      case 'disconnected':
        if (this.disconnectTimer === null) {
          this.disconnectTimer = this.clock.setTimeout(() => {
            this.disconnectTimer = null;
            if (this.pc.connectionState !== 'connected') this.beginRestart('disconnected');
          }, DISCONNECTED_GRACE_MS);
        }
        break;
      case 'failed':
        this.beginRestart('failed');
        break;
      case 'new':
      case 'connecting':
        if (this.currentStatus === 'new') this.setStatus('connecting');
        break;
      case 'closed':
        break;
    }
  }

  private beginRestart(reason: string): void {
    if (this.closed || this.currentStatus === 'failed' || this.restartTimer !== null) return;
    if (this.restartDeadline !== null) {
      this.clock.clearTimeout(this.restartDeadline);
      this.restartDeadline = null;
    }
    const delay = ICE_RESTART_BACKOFF_MS[this.restartAttempts];
    if (delay === undefined) {
      this.fail(reason);
      return;
    }
    this.restartAttempts += 1;
    this.logger.info('ICE restart scheduled', { reason, attempt: this.restartAttempts, delay });
    this.setStatus('restarting');
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = null;
      if (this.closed) return;
      if (this.offerer) this.restartIce();
      else this.emitter.emit('signalProduced', { type: 'ice-restart' });
      this.restartDeadline = this.clock.setTimeout(() => {
        this.restartDeadline = null;
        if (this.pc.connectionState !== 'connected') this.beginRestart('restart timed out');
      }, ICE_RESTART_TIMEOUT_MS);
    }, delay);
  }

  private restartIce(): void {
    if (this.closed) return;
    this.iceRestartWanted = true;
    this.pc.restartIce?.();
    this.enqueue('ice restart', () => this.maybeNegotiate());
  }

  private fail(reason: string): void {
    this.clearRestartTimers();
    this.setStatus('failed');
    this.raise('ERR_ICE_FAILED', `link to ${this.peer} failed after ICE restarts (${reason})`);
  }

  private clearRestartTimers(): void {
    for (const name of [
      'restartTimer',
      'restartDeadline',
      'disconnectTimer',
      'connectTimer',
    ] as const) {
      const timer = this[name];
      if (timer !== null) this.clock.clearTimeout(timer);
      this[name] = null;
    }
  }

  // --- control channel ---------------------------------------------------------------------

  private onChannelMessage(data: unknown): void {
    if (this.closed) return;
    const message = parsePeerMessage(data);
    if (message === null) {
      this.raise('ERR_BAD_PEER_MESSAGE', 'unparseable message on the control channel');
      return;
    }
    switch (message.t) {
      case 'ping':
        void this.channel.send(JSON.stringify({ t: 'pong', id: message.id }));
        break;
      case 'pong': {
        const sentAt = this.pingsInFlight.get(message.id);
        if (sentAt === undefined) return;
        this.pingsInFlight.delete(message.id);
        this.lastRtt = this.clock.now() - sentAt;
        break;
      }
      default:
        this.emitter.emit('messageReceived', message);
    }
  }

  private ping(): void {
    if (this.closed) return;
    // Unanswered pings are forgotten so a silent peer cannot grow the map.
    this.pingsInFlight.clear();
    const id = this.pingSeq++;
    this.pingsInFlight.set(id, this.clock.now());
    void this.channel.send(JSON.stringify({ t: 'ping', id }));
    this.pingTimer = this.clock.setTimeout(() => this.ping(), PING_INTERVAL_MS);
  }

  // --- state -------------------------------------------------------------------------------

  /** The one place the status changes. */
  private setStatus(status: LinkStatus): void {
    if (this.currentStatus === status) return;
    this.logger.debug('status', { from: this.currentStatus, to: status });
    this.currentStatus = status;
    this.emitter.emit('statusChanged', status);
  }

  private raise(code: MeshErrorCode, message: string): void {
    this.logger.warn(message, { code });
    this.emitter.emit('errorRaised', { code, message, peer: this.peer });
  }
}
