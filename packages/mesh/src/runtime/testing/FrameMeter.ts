// Test support: what one peer receives from one origin over real WebRTC, frame by frame. Not
// part of the package's export list.
import wrtc from '@roamhq/wrtc';
import type { GapMeasure } from './GapMeasure';

/** How far a frame's centre luma may be from its origin's before it counts as misrouted. */
const LUMA_TOLERANCE = 12;

interface RVideoSink {
  stop(): void;
  onframe: ((event: { frame: { width: number; height: number; data: Uint8Array } }) => void) | null;
}

/** A track swap inside the stream while measuring: when, and when its first frame came. */
export interface TrackSwap {
  at: number;
  firstFrameAt: number | null;
}

/**
 * Frames one peer received from one origin: counts, gaps, misrouted frames, every stream object
 * the origin was shown in, and the hops of its route. Reads the video track of the shown stream
 * through a wrtc sink, moving to the new track whenever the stream's track swaps.
 */
export class FrameMeter {
  count = 0;
  firstAt: number | null = null;
  lastAt: number | null = null;
  /** Largest gap between two frames while measuring. */
  maxGapMs = 0;
  /** When the largest measured gap ended (performance.now()). */
  maxGapEndAt: number | null = null;
  /** Frames whose brightness did not match the origin (misrouted media). */
  wrongOrigin = 0;
  /** Track swaps inside the stream while measuring. */
  swaps: TrackSwap[] = [];
  /** Every MediaStream object the origin was shown in (one, if tiles keep their stream). */
  readonly streams = new Set<MediaStream>();
  hops: number | null = null;
  track: MediaStreamTrack | null = null;
  private sink: RVideoSink | null = null;

  constructor(
    private readonly expectedLuma: number,
    private readonly measure: GapMeasure,
    private readonly changed: () => void,
  ) {}

  /** The origin is shown in `stream` over `hops` hops (a `remoteStreamChanged`). */
  show(stream: MediaStream, hops: number): void {
    this.streams.add(stream);
    this.hops = hops;
    const track = stream.getVideoTracks()[0] ?? null;
    if (track !== this.track) this.watch(track);
    this.changed();
  }

  /** Starts a measurement: the maxima and swaps start over. */
  resetGaps(): void {
    this.maxGapMs = 0;
    this.maxGapEndAt = null;
    this.swaps = [];
  }

  /** Stops reading frames. */
  stop(): void {
    this.sink?.stop();
    this.sink = null;
  }

  private watch(track: MediaStreamTrack | null): void {
    const swap: TrackSwap = { at: performance.now(), firstFrameAt: null };
    if (this.measure.active && this.track !== null) this.swaps.push(swap);
    this.stop();
    this.track = track;
    if (track === null) return;
    const sink = new wrtc.nonstandard.RTCVideoSink(track) as unknown as RVideoSink;
    sink.onframe = ({ frame }) => {
      const now = performance.now();
      swap.firstFrameAt ??= now;
      if (this.lastAt !== null && this.measure.active && now - this.lastAt > this.maxGapMs) {
        this.maxGapMs = now - this.lastAt;
        this.maxGapEndAt = now;
      }
      this.lastAt = now;
      this.firstAt ??= now;
      this.count += 1;
      const centre = frame.data[Math.floor((frame.height / 2) * frame.width + frame.width / 2)];
      if (centre === undefined || Math.abs(centre - this.expectedLuma) > LUMA_TOLERANCE) {
        this.wrongOrigin += 1;
      }
      this.changed();
    };
    this.sink = sink;
  }
}
