import type { PeerId, Topology } from '@meshwork/protocol';

/** What a bot child is asked over IPC. */
export type BotRequest =
  | { id: number; type: 'report' }
  | { id: number; type: 'resetGaps' }
  | { id: number; type: 'setTopology'; topology: Topology }
  | { id: number; type: 'chat'; text: string }
  | { id: number; type: 'leave' };

/** One origin as a bot child receives it. */
export interface OriginReport {
  origin: PeerId;
  framesDecoded: number;
  /** Longest gap between new frames since the last `resetGaps`, counting one still open. */
  gapMs: number;
  /** Time since the latest new frame (ms), or null before the first. */
  openGapMs: number | null;
  foreignFrames: number;
  active: boolean;
}

/** Everything a bot child reports about itself. */
export interface BotReport {
  peerId: PeerId | null;
  status: string;
  plan: {
    version: number;
    topology: Topology;
    hub: PeerId | null;
    order: PeerId[];
    /** The path each origin's streams take to this bot, origin first. */
    paths: Record<PeerId, PeerId[]>;
    /** Wall-clock time (ms) this version arrived. */
    receivedAt: number;
  } | null;
  origins: OriginReport[];
  peerConnectionsCreated: number;
  openPeerConnections: number;
  /** Ids of chat messages received, in arrival order (duplicates kept, so "exactly once" is checkable). */
  chatIds: string[];
  errors: string[];
  /** Unhandled rejections and uncaught exceptions in the child. */
  crashes: string[];
  /** The link states the mesh reported last, by neighbour. */
  links: Record<PeerId, string>;
  /** Every link status change with its wall-clock time (ms), oldest first. */
  linkLog: Array<{ at: number; peer: PeerId; status: string }>;
}

/** What a bot child answers. */
export type BotReply =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; message: string };

/** What a signal child is asked. */
export type SignalRequest = { id: number; type: 'heap' };

/** What a signal child says: ready with its URL, or a heap figure. */
export type SignalReply = { type: 'ready'; url: string } | { id: number; heapUsed: number };

/** The configuration a bot child is started with (argv[2], JSON). */
export interface BotChildConfig {
  url: string;
  room: string;
  name: string;
  index: number;
  video: { width: number; height: number; fps: number };
}

/** The configuration a signal child is started with (argv[2], JSON). */
export interface SignalChildConfig {
  host: string;
  port: number;
  resumeSecret: string;
  resumeGraceMs: number;
}
