import { ClientSession, type SessionEvents, type SessionStatusChange } from '@meshwork/client';
import type { ChatMessage, Logger, ReceivedFile, StreamRoute } from '@meshwork/mesh/runtime';
import type { CapacityHints, PeerId } from '@meshwork/protocol';
import { FrameReader } from './media/FrameReader';
import { COUNTER_MODULO, type FrameCode, stampAge } from './media/frameCode';
import { SyntheticMedia } from './media/SyntheticMedia';
import { createWrtcPeerConnection } from './wrtc';

/** Default deadline of `waitFor`. */
export const DEFAULT_WAIT_TIMEOUT_MS = 30_000;
/** Decoded counter values kept per origin (newest last). */
export const RECENT_COUNTERS = 32;

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
  reconnectDelayMs?: { min: number; max: number };
  logger?: Logger;
}

/** What a bot has received from one origin's `cam` stream. */
export interface OriginStats {
  origin: PeerId;
  key: string;
  /** Frames with a new (higher) counter: what a viewer would see advance. */
  framesDecoded: number;
  /** Decoded frames whose code did not check out (blurred keyframe start, scaling). */
  framesUnreadable: number;
  /** Counter values skipped between consecutive new frames. */
  framesMissed: number;
  firstFrameAt: number | null;
  lastFrameAt: number | null;
  /** Longest time between two new frames since the stats were created or `resetGaps()`. */
  longestGapMs: number;
  lastCounter: number | null;
  /** The most recent decoded counter values, newest last. */
  recentCounters: number[];
  /** Bot index read from the frames (should be the origin bot's index). */
  index: number | null;
  /** Frames whose bot index differed from the first one seen: a routing mix-up. */
  foreignFrames: number;
  /** Send-to-decode time of the latest frame (all hops, same host clock). */
  latencyMs: number | null;
  /** Mean send-to-decode time over every new frame. */
  meanLatencyMs: number | null;
  /** How the stream arrives now, per the mesh (path and hops). */
  route: StreamRoute | null;
  /** Every route the stream has taken, oldest first. */
  routeHistory: StreamRoute[];
  /** False once the stream was removed (origin left or stopped it). */
  active: boolean;
  /**
   * For every track the stream moved to after its first: ms from the move until that track's
   * first readable frame (how long a tile would show nothing new from the new track).
   */
  trackSwitchMs: number[];
}

interface Watch {
  stats: OriginStats;
  readers: Map<MediaStreamTrack, FrameReader>;
  latencySum: number;
  latencyCount: number;
}

interface Waiter {
  predicate: (bot: Bot) => boolean;
  resolve(): void;
  reject(err: Error): void;
  timer: ReturnType<typeof setTimeout>;
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
  /** Every status change, oldest first. */
  readonly statusLog: SessionStatusChange[] = [];
  /** Version of the latest plan committed here, or null before the first commit. */
  committedPlanVersion: number | null = null;
  readonly #options: BotOptions;
  readonly #peerConnections = new Set<RTCPeerConnection>();
  readonly #watches = new Map<string, Watch>();
  readonly #waiters = new Set<Waiter>();
  readonly #disposers: Array<() => void> = [];
  #closed = false;

  constructor(options: BotOptions) {
    this.#options = options;
    this.name = options.name;
    this.index = options.index;
    const sessionOptions: ConstructorParameters<typeof ClientSession>[0] = {
      url: options.url,
      createPeerConnection: (config) => this.#createPeerConnection(config),
    };
    if (options.logger) sessionOptions.logger = options.logger;
    if (options.reconnectDelayMs) sessionOptions.reconnectDelayMs = options.reconnectDelayMs;
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
    if (this.#options.capacity) join.capacity = this.#options.capacity;
    const joined = this.session.join(join);
    if (timeoutMs === undefined) return joined;
    joined.catch(() => {}); // the race below reports it; a rejection after the deadline is moot
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const last = this.statusLog.at(-1);
        reject(
          new Error(
            `${this.name}: not joined after ${timeoutMs} ms (last status ${JSON.stringify(last)})`,
          ),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([joined, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Peer connections this bot ever made (a link rebuilt counts again). */
  peerConnectionsCreated = 0;

  /** Peer connections this bot made and has not closed. */
  get openPeerConnections(): number {
    return this.#peerConnections.size;
  }

  /** Stats of `origin`'s stream (`cam` by default), or undefined if nothing arrived yet. */
  stats(origin: PeerId, key = 'cam'): OriginStats | undefined {
    return this.#watches.get(`${origin}/${key}`)?.stats;
  }

  /** Stats of every stream this bot received. */
  allStats(): OriginStats[] {
    return [...this.#watches.values()].map((w) => w.stats);
  }

  /** Longest gap between new frames of `origin`, counting a gap still open now. */
  gapNow(origin: PeerId, key = 'cam', now = Date.now()): number {
    const s = this.stats(origin, key);
    if (!s || s.lastFrameAt === null) return Number.POSITIVE_INFINITY;
    return Math.max(s.longestGapMs, now - s.lastFrameAt);
  }

  /** Starts a new measuring window for `longestGapMs` of every origin. */
  resetGaps(): void {
    for (const w of this.#watches.values()) w.stats.longestGapMs = 0;
  }

  /**
   * Resolves once `predicate(bot)` holds. It is checked now and after every decoded frame and
   * session event; rejects after `timeoutMs` with `what` in the message.
   */
  waitFor(
    predicate: (bot: Bot) => boolean,
    options: { timeoutMs?: number; what?: string } = {},
  ): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    if (this.#closed) return Promise.reject(new Error(`${this.name} is closed`));
    const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(
            new Error(
              `${this.name}: timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
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
    for (const w of this.#watches.values()) {
      for (const reader of w.readers.values()) reader.stop();
      w.readers.clear();
      w.stats.active = false;
    }
    this.media.stop();
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`${this.name} closed while waiting`));
    }
    this.#waiters.clear();
  }

  #wire(): void {
    const on = <E extends keyof SessionEvents>(
      event: E,
      listener: (payload: SessionEvents[E]) => void,
    ) => {
      this.#disposers.push(
        this.session.on(event, (payload) => {
          listener(payload);
          this.#poke();
        }),
      );
    };
    on('statusChanged', (change) => this.statusLog.push(change));
    on('roomChanged', () => {});
    on('planChanged', ({ plan, committed }) => {
      if (committed) this.committedPlanVersion = plan.version;
    });
    on('linkStateChanged', () => {});
    on('chatReceived', (chat) => this.chats.push(chat));
    on('fileReceived', (file) => this.files.push(file));
    on('remoteStreamChanged', (event) => this.#watchStream(event));
    on('remoteStreamRemoved', ({ origin, key }) => {
      const w = this.#watches.get(`${origin}/${key}`);
      if (!w) return;
      for (const reader of w.readers.values()) reader.stop();
      w.readers.clear();
      w.stats.active = false;
    });
  }

  #createPeerConnection(config: RTCConfiguration): RTCPeerConnection {
    const pc = createWrtcPeerConnection(config);
    this.peerConnectionsCreated++;
    this.#peerConnections.add(pc);
    const close = pc.close.bind(pc);
    pc.close = () => {
      this.#peerConnections.delete(pc);
      close();
    };
    return pc;
  }

  #watchStream(event: SessionEvents['remoteStreamChanged']): void {
    const id = `${event.origin}/${event.key}`;
    let w = this.#watches.get(id);
    if (!w) {
      w = {
        stats: {
          origin: event.origin,
          key: event.key,
          framesDecoded: 0,
          framesUnreadable: 0,
          framesMissed: 0,
          firstFrameAt: null,
          lastFrameAt: null,
          longestGapMs: 0,
          lastCounter: null,
          recentCounters: [],
          index: null,
          foreignFrames: 0,
          latencyMs: null,
          meanLatencyMs: null,
          route: null,
          routeHistory: [],
          active: true,
          trackSwitchMs: [],
        },
        readers: new Map(),
        latencySum: 0,
        latencyCount: 0,
      };
      this.#watches.set(id, w);
    }
    const watch = w;
    watch.stats.active = true;
    watch.stats.route = event.route;
    const last = watch.stats.routeHistory.at(-1);
    if (!last || last.path.join('>') !== event.route.path.join('>')) {
      watch.stats.routeHistory.push(event.route);
    }
    const tracks = event.stream.getVideoTracks();
    for (const [track, reader] of watch.readers) {
      if (!tracks.includes(track)) {
        reader.stop();
        watch.readers.delete(track);
      }
    }
    const switched = watch.stats.firstFrameAt !== null;
    for (const track of tracks) {
      if (watch.readers.has(track)) continue;
      const since = Date.now();
      let first = switched;
      watch.readers.set(
        track,
        new FrameReader(track, (code) => {
          if (first && code) {
            first = false;
            watch.stats.trackSwitchMs.push(Date.now() - since);
          }
          this.#onFrame(watch, code);
        }),
      );
    }
  }

  #onFrame(w: Watch, code: FrameCode | null): void {
    const s = w.stats;
    if (!code) {
      s.framesUnreadable++;
      return;
    }
    if (s.index === null) s.index = code.index;
    else if (code.index !== s.index) {
      s.foreignFrames++;
      return;
    }
    // Several readers may see the same frame while a stream moves routes: count each counter once.
    if (s.lastCounter !== null) {
      const ahead = (code.counter - s.lastCounter + COUNTER_MODULO) % COUNTER_MODULO;
      if (ahead === 0 || ahead > COUNTER_MODULO / 2) return;
      s.framesMissed += ahead - 1;
    }
    const now = Date.now();
    if (s.lastFrameAt !== null) s.longestGapMs = Math.max(s.longestGapMs, now - s.lastFrameAt);
    s.firstFrameAt ??= now;
    s.lastFrameAt = now;
    s.lastCounter = code.counter;
    s.framesDecoded++;
    s.recentCounters.push(code.counter);
    if (s.recentCounters.length > RECENT_COUNTERS) s.recentCounters.shift();
    const latency = stampAge(code.stamp, now);
    s.latencyMs = latency;
    w.latencySum += latency;
    w.latencyCount++;
    s.meanLatencyMs = w.latencySum / w.latencyCount;
    this.#poke();
  }

  #poke(): void {
    for (const waiter of [...this.#waiters]) {
      let done: boolean;
      try {
        done = waiter.predicate(this);
      } catch (err) {
        clearTimeout(waiter.timer);
        this.#waiters.delete(waiter);
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (done) {
        clearTimeout(waiter.timer);
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
