import type { Topology } from '@meshwork/protocol';

/** How a bench page makes its camera. */
export interface StartOptions {
  /** `camera`: Chromium's fake camera; `stamped`: a canvas carrying the bots' frame code. */
  source: 'camera' | 'stamped';
  index: number;
  width: number;
  height: number;
  fps: number;
}

/** What one page received from one origin's camera. */
export interface OriginFrames {
  origin: string;
  count: number;
  firstAt: number | null;
  lastAt: number | null;
  /** Longest interval between frames since the last `resetGaps()` (window start included). */
  maxGapMs: number;
  hops: number;
  /** Send-to-receive ms of recent frames (stamped source only). */
  latencies: number[];
}

/** Something that happened on a page, with its wall-clock time in ms. */
export interface PageEvent {
  type: 'joining' | 'joined' | 'stream' | 'prepared' | 'committed' | 'switching';
  at: number;
  [detail: string]: unknown;
}

/** A timing mark of the mesh: one of its Logger messages, at page time. */
export interface TimingMark {
  at: number;
  /** Logger namespace, e.g. `session/mesh/mesh:<id>/link:<peer>@<epoch>`. */
  namespace: string;
  msg: string;
  data: Record<string, unknown>;
}

/** What a bench page offers its driver as `window.bench`. */
export interface BenchApi {
  start(options: StartOptions): Promise<void>;
  join(roomId: string, name: string): Promise<{ at: number; selfId: string }>;
  setTopology(topology: Topology): Promise<number>;
  frames(): OriginFrames[];
  resetGaps(): number;
  events(): PageEvent[];
  /** The mesh's timing marks since `since` (page time). */
  marks(since: number): TimingMark[];
  now(): number;
  /** Signals this peer has sent through the signal app so far. */
  signalsSent(): number;
  /** Video RTP bytes sent on the open links so far (closed links no longer count). */
  bytesSent(): Promise<{ at: number; bytes: number }>;
  leave(): Promise<void>;
}

/** A message between two baseline pages, relayed by socket id. */
export interface BaselineSignal {
  type: 'hello' | 'description' | 'candidate';
  from: string;
  to: string;
  description?: RTCSessionDescriptionInit;
  candidate?: RTCIceCandidateInit;
}

/** What the baseline page offers its driver as `window.baseline`. */
export interface BaselineApi {
  start(options: Pick<StartOptions, 'width' | 'height' | 'fps'>): Promise<void>;
  /** Connects to the relay and waits for a peer's hello (this end then offers). */
  listen(): Promise<{ id: string }>;
  /** Connects to the relay and says hello to `peer`; `at` is when the call began. */
  join(peer: string): Promise<{ at: number }>;
  /** When the first remote video frame arrived, and how many so far. */
  firstFrame(): { at: number | null; frames: number };
  close(): void;
}
