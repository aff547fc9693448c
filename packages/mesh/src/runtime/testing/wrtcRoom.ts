// Test support for the integration tests: a room of MeshControllers over real WebRTC in Node
// (@roamhq/wrtc), wired through an in-memory signal bus, each peer sending synthetic video whose
// brightness names its origin. Not part of the package's export list.
import {
  type PeerId,
  type PeerPlan,
  type PublicKey,
  RelayedSignalSchema,
  type Topology,
} from '@meshwork/protocol';
import wrtc from '@roamhq/wrtc';
import { computeRoomPlan, linkKey } from '../../plan';
import type { LinkKey } from '../../plan/types';
import { MeshController } from '../MeshController';
import type { CreatePeerConnection, MeshEvents, Signer } from '../types';
import { consoleLogger } from './consoleLogger';
import { FrameMeter } from './FrameMeter';
import { GapMeasure } from './GapMeasure';
import {
  dumpRoom,
  frameSnapshot,
  framesBeyond,
  gapReport,
  maxFrameGapMs,
  type ReportedPeer,
} from './roomReport';
import { lumaOf, SyntheticCamera } from './SyntheticCamera';
import { nodeSubtle, testSigners } from './signers';
import { Waiters } from './Waiters';

/** Bound of every wait in the integration tests. */
export const WAIT_TIMEOUT_MS = 20_000;

/** Events every peer records, in arrival order, for the tests to read. */
const RECORDED: ReadonlyArray<keyof MeshEvents> = [
  'planReady',
  'linksReported',
  'chatReceived',
  'fileReceived',
  'fileProgressed',
  'errorRaised',
  'remoteStreamRemoved',
  'linkStateChanged',
];

/** One peer of the room. */
export interface RoomPeer extends ReportedPeer {
  index: number;
  controller: MeshController;
  frames: Map<PeerId, FrameMeter>;
}

/** Options of a test room. */
export interface WrtcRoomOptions {
  verbose?: boolean;
  /** Wraps the peer connection factory of the peer at `index` (a hostile peer's taps). */
  wrap?: (index: number, create: CreatePeerConnection) => CreatePeerConnection;
}

/** The peer id of the room's peer at `index`: `peer-aaaa`, `peer-bbbb`, ... */
export function wrtcPeerId(index: number): PeerId {
  return `peer-${String.fromCharCode(97 + index).repeat(4)}`;
}

/**
 * A room of `n` peers, each with a real signer whose key every peer knows. Plans come from the real planner; the signal bus delivers each signal
 * after the current task (like a socket would), parsed by the wire schema as the server does.
 */
export class WrtcRoom {
  readonly peers: RoomPeer[] = [];
  version = 0;
  topology: Topology = 'mesh';
  private readonly measure = new GapMeasure();
  private committedEpochs: ReadonlyMap<LinkKey, number> = new Map();
  private pendingEpochs: ReadonlyMap<LinkKey, number> = new Map();
  private readonly waiters = new Waiters();
  private readonly cameras: SyntheticCamera[] = [];
  private readonly byId = new Map<PeerId, RoomPeer>();

  /** A room of `n` peers with fresh signers. */
  static async create(n: number, options: WrtcRoomOptions = {}): Promise<WrtcRoom> {
    const ids = Array.from({ length: n }, (_, index) => wrtcPeerId(index));
    const { signers, keys } = await testSigners(ids);
    return new WrtcRoom(ids, signers, keys, options);
  }

  /** Every peer's signer, by id, for tests that forge as one of them. */
  readonly signers: ReadonlyMap<PeerId, Signer>;

  private constructor(
    ids: readonly PeerId[],
    signers: ReadonlyMap<PeerId, Signer>,
    keys: ReadonlyMap<PeerId, PublicKey>,
    options: WrtcRoomOptions,
  ) {
    this.signers = signers;
    for (const [index, id] of ids.entries()) {
      const signer = signers.get(id);
      if (signer === undefined) throw new Error(`no signer for ${id}`);
      const create: CreatePeerConnection = (config) => new wrtc.RTCPeerConnection(config);
      const controller = new MeshController({
        selfId: id,
        createPeerConnection: options.wrap?.(index, create) ?? create,
        createMediaStream: (tracks) => new wrtc.MediaStream(tracks),
        iceServers: [],
        signer,
        subtle: nodeSubtle,
        logger: consoleLogger(id, options.verbose === true),
      });
      controller.setPeerKeys(keys);
      const peer: RoomPeer = { id, index, controller, frames: new Map(), events: {} };
      this.peers.push(peer);
      this.byId.set(id, peer);
      this.record(peer);
      const camera = new SyntheticCamera(index, this.measure);
      this.cameras.push(camera);
      controller.setLocalStream('cam', camera.stream);
    }
    for (const peer of this.peers) {
      peer.controller.on('signalProduced', ({ to, epoch, signal }) => {
        const relayed = RelayedSignalSchema.parse({ from: peer.id, epoch, signal });
        setImmediate(() => {
          this.byId.get(to)?.controller.handleSignal(relayed.from, relayed.epoch, relayed.signal);
        });
      });
      peer.controller.on('remoteStreamChanged', ({ origin, stream, route }) =>
        this.show(peer, origin, stream, route.hops),
      );
    }
  }

  /** Largest stall of the synthetic cameras themselves while measuring (a busy machine). */
  get sourceMaxGapMs(): number {
    return this.measure.sourceMaxGapMs;
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
    this.cameras[index]?.pause();
    for (const f of peer.frames.values()) f.stop();
    peer.controller.close();
    this.peers.splice(this.peers.indexOf(peer), 1);
    this.byId.delete(peer.id);
    for (const other of this.peers) {
      other.frames.get(peer.id)?.stop();
      other.frames.delete(peer.id);
    }
    return peer;
  }

  /** Resolves once `predicate` holds, re-checked on every frame and controller event. */
  until(predicate: () => boolean, label: string, timeoutMs = WAIT_TIMEOUT_MS): Promise<void> {
    return this.waiters.until(predicate, label, timeoutMs, () => this.dump());
  }

  /** Frame count of every (receiver, origin) pair. */
  snapshot(): Map<string, number> {
    return frameSnapshot(this.peers);
  }

  /** Resolves once every pair has received `more` frames beyond `since`. */
  framesFlowing(since: Map<string, number>, more: number, label: string): Promise<void> {
    return this.until(() => framesBeyond(this.peers, since, more), label);
  }

  /** Starts or stops gap measurement, resetting the maxima when it starts. */
  measureGaps(on: boolean): void {
    if (!on) {
      this.measure.stop();
      return;
    }
    this.measure.start();
    for (const peer of this.peers) for (const f of peer.frames.values()) f.resetGaps();
  }

  /** Per (receiver, origin), the longest gap of the switch measured and its track swaps. */
  gapReport(): string[] {
    return gapReport(this.peers, this.measure.startedAt);
  }

  /** Largest frame gap over every pair since measurement started. */
  maxGapMs(): number {
    return maxFrameGapMs(this.peers);
  }

  /** The room's media state, one line per pair, for failure messages. */
  dump(): string {
    return dumpRoom(this.peers);
  }

  /** Stops the sources and sinks and closes every controller. */
  close(): void {
    for (const camera of this.cameras) camera.pause();
    for (const peer of this.peers) {
      for (const f of peer.frames.values()) f.stop();
      peer.controller.close();
    }
    for (const camera of this.cameras) camera.close();
  }

  private record(peer: RoomPeer): void {
    for (const name of RECORDED) {
      peer.controller.on(name, (payload) => {
        const list = (peer.events[name] ?? []) as unknown[];
        list.push(payload);
        (peer.events as Record<string, unknown[]>)[name] = list;
        this.waiters.notify();
      });
    }
  }

  private show(peer: RoomPeer, origin: PeerId, stream: MediaStream, hops: number): void {
    // A peer that left may still be shown until the next plan drops it; it is not measured.
    const from = this.byId.get(origin);
    if (from === undefined) return;
    let meter = peer.frames.get(origin);
    if (meter === undefined) {
      meter = new FrameMeter(lumaOf(from.index), this.measure, () => this.waiters.notify());
      peer.frames.set(origin, meter);
    }
    meter.show(stream, hops);
  }
}
