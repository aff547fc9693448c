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

/** What a bench page offers its driver as `window.bench`. */
export interface BenchApi {
  start(options: StartOptions): Promise<void>;
  join(roomId: string, name: string): Promise<{ at: number; selfId: string }>;
  setTopology(topology: Topology): Promise<number>;
  frames(): OriginFrames[];
  resetGaps(): number;
  events(): PageEvent[];
  now(): number;
  /** Signals this peer has sent through the signal app so far. */
  signalsSent(): number;
  /** Video RTP bytes sent on the open links so far (closed links no longer count). */
  bytesSent(): Promise<{ at: number; bytes: number }>;
  leave(): Promise<void>;
}
