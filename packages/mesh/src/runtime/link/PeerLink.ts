import { type Clock, Emitter, type Logger, Timers } from '@meshwork/kit';
import {
  type IceServer,
  type PeerId,
  type PeerMessage,
  parsePeerMessage,
  type Signal,
} from '@meshwork/protocol';
import type { FrameProtector } from '../e2ee/FrameProtector';
import { LinkProtection } from '../e2ee/LinkProtection';
import { MeshRuntimeError } from '../errors';
import type { CreatePeerConnection, LinkStatus, MeshError, MeshErrorCode } from '../types';
import { ControlChannel } from './ControlChannel';
import { type FirstFrameTimer, FirstFrameWatch, readMediaCounts } from './FirstFrameWatch';
import { IceRecovery, type IceTimer } from './IceRecovery';
import { type IncomingTrack, IncomingTracks } from './IncomingTracks';
import { listen } from './listen';
import { mediaArrivalOf } from './mediaArrival';
import { Negotiator, type NegotiatorTimer } from './Negotiator';
import { RttProbe, type RttTimer } from './RttProbe';
import { type OutgoingSource, SendSlots } from './SendSlots';
import { type SilenceTimer, SilenceWatch } from './SilenceWatch';

export { CONTROL_CHANNEL_ID } from './ControlChannel';
export {
  DECODE_POLL_FAST_MS,
  DECODE_POLL_INTERVAL_MS,
  DECODE_POLL_MAX_INTERVAL_MS,
  FIRST_FRAME_DEADLINE_MS,
} from './FirstFrameWatch';
export {
  CONNECT_TIMEOUT_MS,
  DISCONNECTED_GRACE_MS,
  ICE_RESTART_BACKOFF_MS,
  ICE_RESTART_TIMEOUT_MS,
} from './IceRecovery';
export type { IncomingTrack } from './IncomingTracks';
export { PING_INTERVAL_MS } from './RttProbe';
export type { OutgoingSource } from './SendSlots';

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
  /** Pipes every sender and receiver through end-to-end frame encryption (SPEC [P31]). */
  protector?: FrameProtector;
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

type LinkTimer = IceTimer | FirstFrameTimer | RttTimer | SilenceTimer | NegotiatorTimer;

function toRtcIceServer(server: IceServer): RTCIceServer {
  const out: RTCIceServer = { urls: server.urls };
  if (server.username !== undefined) out.username = server.username;
  if (server.credential !== undefined) out.credential = server.credential;
  return out;
}

/**
 * One RTCPeerConnection to one peer for one link life (peer + epoch). It wires the parts that do
 * the work (negotiation, send slots, incoming tracks and their first frames, ICE recovery, the
 * control channel and its RTT probe), owns the link's status and closes them all.
 */
export class PeerLink {
  readonly peer: PeerId;
  readonly epoch: number;
  readonly offerer: boolean;
  readonly polite: boolean;

  readonly #pc: RTCPeerConnection;
  readonly #logger: Logger;
  readonly #emitter: Emitter<PeerLinkEvents>;
  readonly #timers: Timers<LinkTimer>;
  readonly #slots: SendSlots;
  readonly #firstFrames: FirstFrameWatch;
  readonly #incomingTracks: IncomingTracks;
  readonly #negotiator: Negotiator;
  readonly #recovery: IceRecovery;
  readonly #rtt: RttProbe;
  readonly #silence: SilenceWatch;
  readonly #channel: ControlChannel;
  readonly #protection: LinkProtection | null;
  readonly #offConnectionState: () => void;
  readonly #offTrack: () => void;
  #currentStatus: LinkStatus = 'new';
  readonly #clock: Clock;
  /** When this link life began: its status log says how long each step took from there. */
  readonly #openedAt: number;
  #closed = false;
  #unnegotiable = false;

  constructor(options: PeerLinkOptions) {
    this.peer = options.peer;
    this.epoch = options.epoch;
    this.offerer = options.offerer;
    this.polite = options.polite;
    this.#logger = options.logger.child(`link:${options.peer}@${options.epoch}`);
    this.#clock = options.clock;
    this.#openedAt = options.clock.now();
    this.#emitter = new Emitter(this.#logger);
    this.#timers = new Timers(options.clock);
    const pc = options.createPeerConnection({
      iceServers: options.iceServers.map(toRtcIceServer),
    });
    this.#pc = pc;
    const protection = options.protector
      ? new LinkProtection(options.protector, options.peer)
      : null;
    this.#protection = protection;
    this.#slots = new SendSlots(pc, options.self, (transceiver, kind) =>
      protection?.sender(transceiver.sender, kind),
    );
    this.#firstFrames = new FirstFrameWatch({
      clock: options.clock,
      timers: this.#timers,
      logger: this.#logger,
      readCounts: () => readMediaCounts(pc),
      active: () => !this.#closed && this.#currentStatus === 'connected',
      decoded: (keys) => this.#incomingTracks.markDecoded(keys),
    });
    this.#incomingTracks = new IncomingTracks(pc, {
      changed: () => this.#emitter.emit('incomingChanged', undefined),
      named: (key, mid, freshMid) => this.#firstFrames.watch(key, mid, freshMid),
      retained: (keys) => this.#firstFrames.retain(keys),
      raise: (code, message) => this.#raise(code, message),
    });
    this.#negotiator = new Negotiator({
      pc,
      timers: this.#timers,
      offerer: this.offerer,
      polite: this.polite,
      logger: this.#logger,
      localManifest: () => this.#slots.manifest(),
      remoteApplied: (manifest, type) => {
        protection?.receivers(
          pc.getTransceivers(),
          new Map(manifest.map((e) => [e.mid, e.origin])),
        );
        this.#incomingTracks.apply(manifest);
        this.#firstFrames.resume();
        if (type === 'answer') this.#slots.answered();
      },
      started: () => {
        if (this.#currentStatus === 'new') this.#setStatus('connecting');
      },
      signal: (signal, again) => {
        if (signal.type === 'description' && again !== true) {
          this.#slots.described(signal.description.type);
        }
        this.#emitter.emit('signalProduced', signal);
      },
      raise: (code, message) => this.#raise(code, message),
      failed: (reason) => this.#negotiationFailed(reason),
    });
    this.#offConnectionState = listen(pc, 'connectionstatechange', () => this.#onConnectionState());
    this.#offTrack = listen(pc, 'track', (event) =>
      protection?.receiver((event as RTCTrackEvent).receiver),
    );
    this.#rtt = new RttProbe(options.clock, this.#timers, (message) => void this.send(message));
    this.#silence = new SilenceWatch(this.#timers, {
      // A silent channel is a dead path even while ICE still says connected: recovery starts
      // as for a disconnected connection, and ends when the channel is heard again.
      silent: () => {
        if (this.#currentStatus === 'connected') this.#setStatus('disconnected');
        this.#recovery.connectionChanged('disconnected');
      },
      heard: () => {
        if (this.#pc.connectionState === 'connected') this.#recovery.connectionChanged('connected');
      },
      // A page too busy to answer pings still sends media: media still arriving means the
      // path and the peer's stack are alive.
      mediaMark: () => mediaArrivalOf(pc),
    });
    this.#channel = ControlChannel.open(pc, this.#logger);
    this.#channel.setMessageHandler((data) => this.#onChannelMessage(data));
    this.#channel.setOpenHandler(() => {
      if (this.#closed) return;
      this.#emitter.emit('channelOpened', undefined);
      this.#rtt.start();
      this.#silence.heard();
    });
    this.#recovery = new IceRecovery(
      this.#timers,
      {
        restarting: () => this.#setStatus('restarting'),
        restart: () => {
          if (this.offerer) this.#negotiator.restartIce();
          else this.#emitter.emit('signalProduced', { type: 'ice-restart' });
        },
        connected: () => {
          if (this.#unnegotiable) return;
          // ICE may come back before anything is heard on the channel: silent is still down.
          this.#setStatus(this.#silence.silent ? 'disconnected' : 'connected');
          this.#firstFrames.resume();
        },
        failed: (reason) => {
          this.#setStatus('failed');
          this.#raise(
            'ERR_ICE_FAILED',
            `link to ${this.peer} failed after ICE restarts (${reason})`,
          );
        },
      },
      this.#logger,
    );
  }

  /** Current lifecycle state. */
  get status(): LinkStatus {
    return this.#currentStatus;
  }

  /** Remote tracks named by the far end's manifest, by track key. */
  get incoming(): ReadonlyMap<string, IncomingTrack> {
    return this.#incomingTracks.named;
  }

  /** Last RTT measured by a ping on the control channel, in milliseconds. */
  get rttMs(): number | null {
    return this.#rtt.rttMs;
  }

  /** Whether the control channel is open. */
  get channelOpen(): boolean {
    return this.#channel.open;
  }

  /** Subscribes to a link event; returns the disposer. */
  on<E extends keyof PeerLinkEvents>(
    event: E,
    listener: (payload: PeerLinkEvents[E]) => void,
  ): () => void {
    return this.#emitter.on(event, listener);
  }

  /** Handles a signal the far end of this link life sent. */
  handleSignal(signal: Signal): void {
    if (this.#closed) return;
    if (signal.type !== 'ice-restart') {
      this.#negotiator.handle(signal);
      return;
    }
    if (!this.offerer) {
      this.#raise('ERR_BAD_SIGNAL', 'ice-restart sent to the non-offerer of a link');
      return;
    }
    this.#logger.info('far end asked for an ICE restart');
    this.#negotiator.restartIce();
  }

  /**
   * Declares which tracks this link sends ([M5]), applied in order with negotiation; a changed
   * manifest (a reused or silenced transceiver) renegotiates even where the connection does not.
   */
  setOutgoing(sources: Iterable<OutgoingSource>): void {
    if (this.#closed || !this.#slots.want(sources)) return;
    this.#negotiator.run('outgoing', async () => {
      await this.#slots.sync();
      await this.#negotiator.negotiate();
    });
  }

  /**
   * Renewed ICE servers for this link's next gathering: an ICE restart after the TURN credentials
   * it was made with expired would otherwise fail for good ([M22]).
   */
  setIceServers(iceServers: readonly IceServer[]): void {
    if (this.#closed) return;
    try {
      const config = this.#pc.getConfiguration();
      this.#pc.setConfiguration({ ...config, iceServers: iceServers.map(toRtcIceServer) });
    } catch (err) {
      this.#logger.warn('the connection refused new ICE servers', { error: String(err) });
    }
  }

  /** Sends a room-data message on the control channel; false if the link closed first. */
  send(message: PeerMessage): Promise<boolean> {
    return this.#channel.send(JSON.stringify(message));
  }

  /** The raw stats report of this link's connection; rejects once the link is closed. */
  statsReport(): Promise<RTCStatsReport> {
    if (this.#closed) {
      return Promise.reject(new MeshRuntimeError('ERR_CLOSED', `link to ${this.peer} is closed`));
    }
    return this.#pc.getStats();
  }

  /**
   * Idempotent: stops every timer and part, closes the control channel, then the peer
   * connection, and emits `closed` once; nothing is emitted after.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#timers.clearAll();
    this.#recovery.close();
    this.#rtt.close();
    this.#silence.close();
    this.#firstFrames.close();
    this.#incomingTracks.close();
    this.#slots.close();
    this.#protection?.close();
    this.#negotiator.close();
    this.#offConnectionState();
    this.#offTrack();
    this.#channel.close();
    try {
      this.#pc.close();
    } catch (err) {
      this.#logger.debug('peer connection close threw', { error: String(err) });
    }
    this.#setStatus('closed');
    this.#emitter.clear();
  }

  /**
   * Negotiation cannot go on ([M24]): the link life is `failed` for good (reported to the server,
   * which routes around it), whatever ICE does next.
   */
  #negotiationFailed(reason: string): void {
    if (this.#closed || this.#unnegotiable) return;
    this.#unnegotiable = true;
    this.#recovery.close();
    this.#logger.warn(`link to ${this.peer} failed: ${reason}`);
    this.#setStatus('failed');
  }

  #onConnectionState(): void {
    if (this.#closed) return;
    const state = this.#pc.connectionState;
    this.#logger.debug('connection state', { state });
    if ((state === 'new' || state === 'connecting') && this.#currentStatus === 'new') {
      this.#setStatus('connecting');
    }
    // A connected link whose ICE lost its path is down at once, before any restart ([M23]).
    if (state === 'disconnected' && this.#currentStatus === 'connected') {
      this.#setStatus('disconnected');
    }
    this.#recovery.connectionChanged(state);
  }

  #onChannelMessage(data: unknown): void {
    if (this.#closed) return;
    this.#silence.heard();
    const message = parsePeerMessage(data);
    if (message === null) {
      this.#raise('ERR_BAD_PEER_MESSAGE', 'unparseable message on the control channel');
      return;
    }
    if (!this.#rtt.handle(message)) this.#emitter.emit('messageReceived', message);
  }

  /** The one place the status changes. */
  #setStatus(status: LinkStatus): void {
    if (this.#currentStatus === status) return;
    this.#logger.debug('status', {
      from: this.#currentStatus,
      to: status,
      sinceOpenMs: this.#clock.now() - this.#openedAt,
    });
    this.#currentStatus = status;
    this.#emitter.emit('statusChanged', status);
  }

  #raise(code: MeshErrorCode, message: string): void {
    this.#logger.warn(message, { code });
    this.#emitter.emit('errorRaised', { code, message, peer: this.peer });
  }
}
