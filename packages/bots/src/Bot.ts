import { ClientSession, type SessionEvents, type SessionStatusChange } from '@meshwork/client';
import { type Logger, withDeadline } from '@meshwork/kit';
import type { ChatMessage, MeshError, ReceivedFile } from '@meshwork/mesh/runtime';
import type { CapacityHints, PeerId, QualityLimitation } from '@meshwork/protocol';
import { FrameReader } from './media/FrameReader';
import { SyntheticMedia } from './media/SyntheticMedia';
import { AudioMeter, type AudioStats } from './metering/AudioMeter';
import { FrameMeter } from './metering/FrameMeter';
import type { OriginStats } from './metering/OriginMeter';
import { PeerConnectionCounter } from './PeerConnectionCounter';
import { PredicateWaiters, type WaitOptions } from './waiting/PredicateWaiters';
import { createWrtcAudioSink, createWrtcMediaStream, createWrtcPeerConnection } from './wrtc';

/** Options of a bot. */
export interface BotOptions {
  /** Signal app URL, e.g. `http://localhost:8080`. */
  url: string;
  roomId: string;
  /** Display name. */
  name: string;
  /** Bot index (0-255): written into every frame it sends so receivers can tell who sent it. */
  index: number;
  password?: string;
  video?: { width?: number; height?: number; fps?: number };
  /** Send a tone track too (default true). */
  audio?: boolean;
  capacity?: CapacityHints;
  /**
   * Claim this limitation (`qualityLimitationReason`) from the start, as a browser whose encoder
   * is held back would report it; an automatic room counts it (SPEC [P28]). `limit()` changes it.
   */
  limitation?: QualityLimitation;
  /** A media hub's credential (`HUB_SECRET`): only with it may `capacity` claim `server` ([P17]). */
  hubToken?: string;
  reconnectDelayMs?: { min: number; max: number };
  logger?: Logger;
  /** WebCrypto for the session's key and for verifying peers (default `crypto.subtle`). */
  subtle?: SubtleCrypto;
}

/**
 * A headless peer: a ClientSession on `@roamhq/wrtc` with a synthetic camera, reading the frame
 * code of every received video frame to count frames, gaps and latency per origin.
 */
export class Bot {
  readonly name: string;
  readonly index: number;
  readonly session: ClientSession;
  readonly media: SyntheticMedia;
  /** Chat messages received (including this bot's own, if the mesh echoes them). */
  readonly chats: ChatMessage[] = [];
  /** Files received and verified. */
  readonly files: ReceivedFile[] = [];
  /** Mesh errors raised here (a forged or misrouted message shows up as one), oldest first. */
  readonly errors: MeshError[] = [];
  /** Every status change, oldest first. */
  readonly statusLog: SessionStatusChange[] = [];
  /** Version of the latest plan committed here, or null before the first commit. */
  committedPlanVersion: number | null = null;
  readonly #options: BotOptions;
  readonly #peerConnections = new PeerConnectionCounter(createWrtcPeerConnection);
  readonly #waiters: PredicateWaiters;
  readonly #meter: FrameMeter;
  readonly #audio: AudioMeter;
  readonly #disposers: Array<() => void> = [];
  #closed = false;

  constructor(options: BotOptions) {
    this.#options = options;
    this.name = options.name;
    this.index = options.index;
    this.#waiters = new PredicateWaiters(options.name);
    this.#meter = new FrameMeter({
      createReader: (track, listener) => new FrameReader(track, listener),
      onNewFrame: () => this.#waiters.check(),
    });
    this.#audio = new AudioMeter(createWrtcAudioSink, () => this.#waiters.check());
    const sessionOptions: ConstructorParameters<typeof ClientSession>[0] = {
      url: options.url,
      createPeerConnection: this.#peerConnections.create,
      createMediaStream: createWrtcMediaStream,
    };
    if (options.logger) sessionOptions.logger = options.logger;
    if (options.reconnectDelayMs) sessionOptions.reconnectDelayMs = options.reconnectDelayMs;
    if (options.subtle) sessionOptions.subtle = options.subtle;
    this.session = new ClientSession(sessionOptions);
    this.media = new SyntheticMedia({
      index: options.index,
      audio: options.audio ?? true,
      ...options.video,
    });
    this.#wire();
  }

  /** This bot's peer id; throws before it joined. */
  get id(): PeerId {
    const id = this.session.selfId;
    if (!id) throw new Error(`${this.name} has not joined yet`);
    return id;
  }

  /**
   * Starts the synthetic camera and joins the room. With `timeoutMs`, rejects (naming the last
   * status) if the bot has not joined by then; the session keeps trying until closed.
   */
  async join(timeoutMs?: number): Promise<void> {
    this.media.start();
    this.session.setLocalStream('cam', this.media.stream);
    const join: Parameters<ClientSession['join']>[0] = {
      roomId: this.#options.roomId,
      displayName: this.name,
      media: { audio: this.#options.audio ?? true, video: true, screen: false },
    };
    if (this.#options.password !== undefined) join.password = this.#options.password;
    const capacity = this.#capacity();
    if (Object.keys(capacity).length > 0) join.capacity = capacity;
    if (this.#options.hubToken !== undefined) join.hubToken = this.#options.hubToken;
    const joined = this.session.join(join);
    if (timeoutMs === undefined) return joined;
    await withDeadline(joined, timeoutMs, () => {
      const last = JSON.stringify(this.statusLog.at(-1));
      return new Error(`${this.name}: not joined after ${timeoutMs} ms (last status ${last})`);
    });
  }

  /**
   * Claims (or with null stops claiming) a limitation of this bot's outgoing video, told to the
   * room at once and carried by any rejoin (SPEC [P28]).
   */
  limit(limitation: QualityLimitation | null): void {
    if (limitation === null) delete this.#options.limitation;
    else this.#options.limitation = limitation;
    this.session.updateCapacity(this.#capacity());
  }

  #capacity(): CapacityHints {
    const { limitation } = this.#options;
    return { ...this.#options.capacity, ...(limitation === undefined ? {} : { limitation }) };
  }

  /** Peer connections this bot ever made (a link rebuilt counts again). */
  get peerConnectionsCreated(): number {
    return this.#peerConnections.created;
  }

  /** Peer connections this bot made and has not closed. */
  get openPeerConnections(): number {
    return this.#peerConnections.open;
  }

  /** Stats of `origin`'s stream (`cam` by default), or undefined if nothing arrived yet. */
  stats(origin: PeerId, key = 'cam'): OriginStats | undefined {
    return this.#meter.stats(origin, key);
  }

  /** What `origin`'s audio (stream `key`) did here: decoded chunks and its path. */
  audioStats(origin: PeerId, key = 'cam'): AudioStats | undefined {
    return this.#audio.stats(origin, key);
  }

  /** Stats of every stream this bot received. */
  allStats(): OriginStats[] {
    return this.#meter.allStats();
  }

  /** Longest gap between new frames of `origin`, counting a gap still open now. */
  gapNow(origin: PeerId, key = 'cam', now?: number): number {
    return this.#meter.gapNow(origin, key, now);
  }

  /** Starts a new measuring window for `longestGapMs` of every origin. */
  resetGaps(): void {
    this.#meter.resetGaps();
  }

  /**
   * Resolves once `predicate(bot)` holds. It is checked now and after every new frame and
   * session event; rejects after `timeoutMs` with `what` in the message, or when the bot closes.
   */
  waitFor(predicate: (bot: Bot) => boolean, options: WaitOptions = {}): Promise<void> {
    return this.#waiters.wait(() => predicate(this), options);
  }

  /** Leaves the room, then stops media and frame readers. Idempotent. */
  async leave(): Promise<void> {
    await this.session.leave();
    this.close();
  }

  /** Closes the session, media and frame readers, and rejects pending waits. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.session.close();
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.#meter.stop();
    this.#audio.stop();
    this.media.stop();
    this.#waiters.close();
  }

  #wire(): void {
    const on = <E extends keyof SessionEvents>(
      event: E,
      listener: (payload: SessionEvents[E]) => void,
    ) => {
      this.#disposers.push(
        this.session.on(event, (payload) => {
          listener(payload);
          this.#waiters.check();
        }),
      );
    };
    on('statusChanged', (change) => this.statusLog.push(change));
    // Listened to only so waits are checked again when the room or a link changes.
    on('roomChanged', () => {});
    on('linkStateChanged', () => {});
    on('planChanged', ({ plan, committed }) => {
      if (committed) this.committedPlanVersion = plan.version;
    });
    on('chatReceived', (chat) => this.chats.push(chat));
    on('fileReceived', (file) => this.files.push(file));
    on('errorRaised', (error) => this.errors.push(error));
    on('remoteStreamChanged', (event) => {
      this.#meter.streamChanged(event);
      this.#audio.streamChanged(event);
    });
    on('remoteStreamRemoved', (id) => {
      this.#meter.streamRemoved(id);
      this.#audio.streamRemoved(id);
    });
  }
}
