// Test support for the integration tests: a room of MeshControllers over real WebRTC in Node
// (@roamhq/wrtc), wired through an in-memory signal bus, each peer sending synthetic video whose
// brightness names its origin. Not part of the package's export list.
import { type PeerId, type PeerPlan, RelayedSignalSchema, type Topology } from '@meshwork/protocol';
import wrtc from '@roamhq/wrtc';
import { computeRoomPlan, linkKey } from '../../plan';
import type { LinkKey } from '../../plan/types';
import { MeshController } from '../MeshController';
import type { Logger, MeshEvents } from '../types';

/** Synthetic frame size: small, the machines have two cores. */
export const FRAME_WIDTH = 160;
export const FRAME_HEIGHT = 120;
/** Frame interval of the synthetic sources (15 fps). */
export const FRAME_INTERVAL_MS = 66;
/** Bound of every wait in the integration tests. */
export const WAIT_TIMEOUT_MS = 20_000;

/** Luma each origin paints its frames with, so a receiver can tell who a frame came from. */
export function lumaOf(index: number): number {
  return 40 + index * 50;
}

interface RVideoSink {
  stop(): void;
  onframe: ((event: { frame: { width: number; height: number; data: Uint8Array } }) => void) | null;
}

/** Frames one peer received from one origin. */
export interface FrameTrack {
  count: number;
  firstAt: number | null;
  lastAt: number | null;
  /** Largest gap between two frames while `measuring` was on. */
  maxGapMs: number;
  /** Frames whose brightness did not match the origin (misrouted media). */
  wrongOrigin: number;
  /** When the largest measured gap ended (performance.now()). */
  maxGapEndAt: number | null;
  /** Track swaps inside the stream while measuring: when, and when its first frame came. */
  swaps: Array<{ at: number; firstFrameAt: number | null }>;
  streams: Set<MediaStream>;
  hops: number | null;
  sink: RVideoSink | null;
  track: MediaStreamTrack | null;
}

/** One peer of the room. */
export interface RoomPeer {
  id: PeerId;
  index: number;
  controller: MeshController;
  frames: Map<PeerId, FrameTrack>;
  events: { [E in keyof MeshEvents]?: MeshEvents[E][] };
}

function consoleLogger(namespace: string, enabled: boolean): Logger {
  const log =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      if (enabled) {
        console.warn(
          `${Math.round(performance.now())} [${level}] ${namespace}: ${msg}`,
          data ?? '',
        );
      }
    };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: (msg, data) => console.error(`[error] ${namespace}: ${msg}`, data ?? ''),
    child: (ns) => consoleLogger(`${namespace}/${ns}`, enabled),
  };
}

/**
 * A room of `n` peers. Plans come from the real planner; the signal bus delivers each signal
 * after the current task (like a socket would), parsed by the wire schema as the server does.
 */
export class WrtcRoom {
  readonly peers: RoomPeer[] = [];
  version = 0;
  topology: Topology = 'mesh';
  measuring = false;
  /** performance.now() when measurement last started. */
  measureStartedAt = 0;
  /**
   * Largest interval between two frames a synthetic camera produced while measuring: the
   * process's own stalls (a busy machine), which no routing can hide.
   */
  sourceMaxGapMs = 0;
  private committedEpochs: ReadonlyMap<LinkKey, number> = new Map();
  private pendingEpochs: ReadonlyMap<LinkKey, number> = new Map();
  private readonly waiters = new Set<() => void>();
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private readonly tracks: MediaStreamTrack[] = [];
  private readonly byId = new Map<PeerId, RoomPeer>();

  constructor(n: number, options: { verbose?: boolean } = {}) {
    for (let index = 0; index < n; index++) {
      const id = `peer-${String.fromCharCode(97 + index).repeat(4)}`;
      const controller = new MeshController({
        selfId: id,
        createPeerConnection: (config) => new wrtc.RTCPeerConnection(config),
        createMediaStream: () => new wrtc.MediaStream(),
        iceServers: [],
        logger: consoleLogger(id, options.verbose === true),
      });
      const peer: RoomPeer = { id, index, controller, frames: new Map(), events: {} };
      this.peers.push(peer);
      this.byId.set(id, peer);
      this.record(peer);
      controller.setLocalStream('cam', this.syntheticCamera(index));
    }
    for (const peer of this.peers) {
      peer.controller.on('signalProduced', ({ to, epoch, signal }) => {
        const relayed = RelayedSignalSchema.parse({ from: peer.id, epoch, signal });
        setImmediate(() => {
          this.byId.get(to)?.controller.handleSignal(relayed.from, relayed.epoch, relayed.signal);
        });
      });
      peer.controller.on('remoteStreamChanged', ({ origin, stream, route }) =>
        this.watchStream(peer, origin, stream, route.hops),
      );
    }
  }

  /**
   * Computes plan `version + 1` for `topology` over the peers still here, with `failed` links
   * routed around, and gives each peer its part (phase one).
   */
  prepare(
    topology: Topology,
    failed: ReadonlyArray<readonly [PeerId, PeerId]> = [],
  ): ReadonlyMap<PeerId, PeerPlan> {
    this.version += 1;
    this.topology = topology;
    const room = computeRoomPlan(
      {
        topology,
        peers: this.peers.map((p) => ({ id: p.id, joinedAt: 1_000 + p.index, capacity: {} })),
        hubPreference: null,
        failedLinks: new Set(failed.map(([a, b]) => linkKey(a, b))),
      },
      this.version,
      // Both plans' links live during a switch; the planner's epochs come from their union.
      new Map([...this.committedEpochs, ...this.pendingEpochs]),
    );
    this.pendingEpochs = room.epochs;
    for (const peer of this.peers) {
      const plan = room.peers.get(peer.id);
      if (plan === undefined) throw new Error(`no plan for ${peer.id}`);
      peer.controller.applyPlan(plan);
    }
    return room.peers;
  }

  /** Phase two: every peer commits the current version. */
  commit(): void {
    for (const peer of this.peers) peer.controller.commitPlan(this.version);
    this.committedEpochs = this.pendingEpochs;
    this.pendingEpochs = new Map();
  }

  /** The peer at `index` leaves: its camera stops and its controller closes. */
  leave(index: number): RoomPeer {
    const peer = this.peers.find((p) => p.index === index);
    if (peer === undefined) throw new Error(`no peer ${index}`);
    clearInterval(this.timers[index]);
    for (const f of peer.frames.values()) f.sink?.stop();
    peer.controller.close();
    this.peers.splice(this.peers.indexOf(peer), 1);
    this.byId.delete(peer.id);
    for (const other of this.peers) {
      other.frames.get(peer.id)?.sink?.stop();
      other.frames.delete(peer.id);
    }
    return peer;
  }

  /** Resolves once `predicate` holds, re-checked on every frame and controller event. */
  until(predicate: () => boolean, label: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for: ${label}\n${this.dump()}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Frame count of every (receiver, origin) pair. */
  snapshot(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const peer of this.peers) {
      for (const other of this.peers) {
        if (other === peer) continue;
        counts.set(`${peer.id}<${other.id}`, peer.frames.get(other.id)?.count ?? 0);
      }
    }
    return counts;
  }

  /** Resolves once every pair has received `more` frames beyond `since`. */
  framesFlowing(since: Map<string, number>, more: number, label: string): Promise<void> {
    return this.until(
      () =>
        this.peers.every((peer) =>
          this.peers.every(
            (other) =>
              other === peer ||
              (peer.frames.get(other.id)?.count ?? 0) >=
                (since.get(`${peer.id}<${other.id}`) ?? 0) + more,
          ),
        ),
      label,
    );
  }

  /** Starts or stops gap measurement, resetting the maxima when it starts. */
  measureGaps(on: boolean): void {
    this.measuring = on;
    if (!on) return;
    this.measureStartedAt = performance.now();
    this.sourceMaxGapMs = 0;
    for (const peer of this.peers) {
      for (const f of peer.frames.values()) {
        f.maxGapMs = 0;
        f.maxGapEndAt = null;
        f.swaps = [];
      }
    }
  }

  /**
   * One line per (receiver, origin) for the switch being measured: the longest frame gap, when
   * it ended, and each track swap with the wait for its first frame (times from the start).
   */
  gapReport(): string[] {
    const t = (at: number | null) =>
      at === null ? '-' : String(Math.round(at - this.measureStartedAt));
    const lines: string[] = [];
    for (const peer of this.peers) {
      for (const [origin, f] of peer.frames) {
        const swaps = f.swaps
          .map(
            (s) =>
              `swap@${t(s.at)}+${s.firstFrameAt === null ? '-' : Math.round(s.firstFrameAt - s.at)}`,
          )
          .join(' ');
        lines.push(
          `${peer.id}<${origin} gap=${Math.round(f.maxGapMs)} ending@${t(f.maxGapEndAt)} hops=${f.hops} ${swaps}`,
        );
      }
    }
    return lines;
  }

  /** Largest frame gap over every pair since measurement started. */
  maxGapMs(): number {
    let max = 0;
    for (const peer of this.peers)
      for (const f of peer.frames.values()) max = Math.max(max, f.maxGapMs);
    return max;
  }

  /** The room's media state, one line per pair, for failure messages. */
  dump(): string {
    const lines: string[] = [];
    for (const peer of this.peers) {
      for (const [origin, f] of peer.frames) {
        lines.push(
          `${peer.id} <- ${origin}: frames=${f.count} hops=${f.hops} track=${f.track?.readyState}/${f.track?.muted ? 'muted' : 'unmuted'}`,
        );
      }
    }
    for (const peer of this.peers) {
      const progress = peer.events.fileProgressed ?? [];
      lines.push(
        `${peer.id}: fileProgressed=${progress.length} last=${progress.at(-1)?.bytes} received=${peer.events.fileReceived?.length ?? 0} errors=${JSON.stringify(peer.events.errorRaised ?? [])}`,
      );
    }
    return lines.join('\n');
  }

  /** Stops the sources and sinks and closes every controller. */
  close(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const peer of this.peers) {
      for (const f of peer.frames.values()) f.sink?.stop();
      peer.controller.close();
    }
    for (const track of this.tracks) track.stop();
  }

  private record(peer: RoomPeer): void {
    const names: Array<keyof MeshEvents> = [
      'planReady',
      'linksReported',
      'chatReceived',
      'fileReceived',
      'fileProgressed',
      'errorRaised',
      'remoteStreamRemoved',
      'linkStateChanged',
    ];
    for (const name of names) {
      peer.controller.on(name, (payload) => {
        const list = (peer.events[name] ?? []) as unknown[];
        list.push(payload);
        (peer.events as Record<string, unknown[]>)[name] = list;
        this.notify();
      });
    }
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }

  private syntheticCamera(index: number): MediaStream {
    const source = new wrtc.nonstandard.RTCVideoSource();
    const track = source.createTrack();
    this.tracks.push(track);
    const data = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT * 1.5);
    data.fill(lumaOf(index), 0, FRAME_WIDTH * FRAME_HEIGHT);
    data.fill(128, FRAME_WIDTH * FRAME_HEIGHT);
    const frame = { width: FRAME_WIDTH, height: FRAME_HEIGHT, data };
    // The timer paces a synthetic camera; it orders no step of the code under test.
    let last: number | null = null;
    this.timers.push(
      setInterval(() => {
        const now = performance.now();
        if (last !== null && this.measuring) {
          this.sourceMaxGapMs = Math.max(this.sourceMaxGapMs, now - last);
        }
        last = now;
        source.onFrame(frame);
      }, FRAME_INTERVAL_MS),
    );
    const stream = new wrtc.MediaStream();
    stream.addTrack(track);
    return stream;
  }

  private watchStream(peer: RoomPeer, origin: PeerId, stream: MediaStream, hops: number): void {
    // A peer that left may still be shown until the next plan drops it; it is not measured.
    if (!this.byId.has(origin)) return;
    let f = peer.frames.get(origin);
    if (f === undefined) {
      f = {
        count: 0,
        firstAt: null,
        lastAt: null,
        maxGapMs: 0,
        wrongOrigin: 0,
        maxGapEndAt: null,
        swaps: [],
        streams: new Set(),
        hops: null,
        sink: null,
        track: null,
      };
      peer.frames.set(origin, f);
    }
    f.streams.add(stream);
    f.hops = hops;
    const track = stream.getVideoTracks()[0] ?? null;
    if (track !== f.track) {
      const swap = { at: performance.now(), firstFrameAt: null as number | null };
      if (this.measuring && f.track !== null) f.swaps.push(swap);
      f.sink?.stop();
      f.track = track;
      f.sink = null;
      if (track !== null) {
        const sink = new wrtc.nonstandard.RTCVideoSink(track) as unknown as RVideoSink;
        const expected = lumaOf(this.byId.get(origin)?.index ?? 0);
        const frames = f;
        sink.onframe = ({ frame }) => {
          const now = performance.now();
          swap.firstFrameAt ??= now;
          if (frames.lastAt !== null && this.measuring && now - frames.lastAt > frames.maxGapMs) {
            frames.maxGapMs = now - frames.lastAt;
            frames.maxGapEndAt = now;
          }
          frames.lastAt = now;
          frames.firstAt ??= now;
          frames.count += 1;
          const centre = frame.data[Math.floor((frame.height / 2) * frame.width + frame.width / 2)];
          if (centre === undefined || Math.abs(centre - expected) > 12) frames.wrongOrigin += 1;
          this.notify();
        };
        f.sink = sink;
      }
    }
    this.notify();
  }
}
