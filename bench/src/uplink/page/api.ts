import type { Topology } from '@meshwork/protocol';

/** How an uplink bench page makes its camera and session. */
export interface UplinkStartOptions {
  width: number;
  height: number;
  fps: number;
  /** Also send the fake microphone. */
  audio: boolean;
  /**
   * Ask for the size and rate as the web app does (`ideal`, frame rate at most 30) rather than
   * `exact`: Chromium's fake camera refuses an exact 24 fps.
   */
  ideal?: boolean;
  /** The session's uplink budget (kbit/s); null leaves the runtime's default. */
  uplinkKbps: number | null;
}

/** The size and rate the camera track delivers (`getSettings()`). */
export interface CameraSettings {
  width: number;
  height: number;
  frameRate: number;
}

/** Counters of one received video stream, by origin (cumulative since its track began). */
export interface InboundCounters {
  /** The RTP stream's id, unique in the page (connection and stats id). */
  key: string;
  origin: string;
  bytes: number;
  framesDecoded: number;
  /** Seconds spent decoding (`totalDecodeTime`). */
  decodeS: number;
  frameWidth: number;
  frameHeight: number;
  /** As the browser reports it, over its last second. */
  framesPerSecond: number;
  hops: number;
}

/** Counters of one outgoing video encoding (cumulative). */
export interface OutboundCounters {
  key: string;
  /** Whose stream it is (this page's, or relayed). */
  origin: string;
  bytes: number;
  framesEncoded: number;
  /** Seconds spent encoding (`totalEncodeTime`). */
  encodeS: number;
  frameWidth: number;
  frameHeight: number;
  qualityLimitationReason: string;
  /** The `maxBitrate` its sender is limited to now (bit/s), or null if none. */
  maxBitrate: number | null;
}

/** One read of every open link of a page. */
export interface PageSample {
  at: number;
  /** RTP payload and header bytes of every RTP stream of the open links, by key. */
  rtp: Array<{ key: string; sent: boolean; kind: string; bytes: number }>;
  inbound: InboundCounters[];
  outbound: OutboundCounters[];
}

/** What an uplink bench page offers its driver as `window.bench`. */
export interface UplinkBenchApi {
  /** Starts the camera and session; resolves with what the camera delivers. */
  start(options: UplinkStartOptions): Promise<CameraSettings>;
  join(roomId: string, name: string): Promise<{ at: number; selfId: string }>;
  setTopology(topology: Topology): Promise<number>;
  setUplinkBudget(kbps: number): void;
  /** Origins this page decodes frames from, with their frame counts. */
  frames(): Promise<Array<{ origin: string; count: number }>>;
  sample(): Promise<PageSample>;
  leave(): Promise<void>;
}
