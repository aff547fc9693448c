// Test support: synthetic video from @roamhq/wrtc whose brightness names its origin. Not part
// of the package's export list.
import wrtc from '@roamhq/wrtc';
import type { GapMeasure } from './GapMeasure';

/** Synthetic frame size: small, the machines have two cores. */
export const FRAME_WIDTH = 160;
/** Synthetic frame height (see FRAME_WIDTH). */
export const FRAME_HEIGHT = 120;
/** Frame interval of the synthetic sources (15 fps). */
export const FRAME_INTERVAL_MS = 66;

/** Luma each origin paints its frames with, so a receiver can tell who a frame came from. */
export function lumaOf(index: number): number {
  return 40 + index * 50;
}

/** A camera painting every frame at `lumaOf(index)`, 15 times a second, until stopped. */
export class SyntheticCamera {
  /** The stream holding the camera's one video track. */
  readonly stream: MediaStream;
  private readonly track: MediaStreamTrack;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(index: number, measure: GapMeasure) {
    const source = new wrtc.nonstandard.RTCVideoSource();
    this.track = source.createTrack();
    const data = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT * 1.5);
    data.fill(lumaOf(index), 0, FRAME_WIDTH * FRAME_HEIGHT);
    data.fill(128, FRAME_WIDTH * FRAME_HEIGHT);
    const frame = { width: FRAME_WIDTH, height: FRAME_HEIGHT, data };
    // The timer paces a synthetic camera; it orders no step of the code under test.
    let last: number | null = null;
    this.timer = setInterval(() => {
      const now = performance.now();
      if (last !== null) measure.sourceFrame(now - last);
      last = now;
      source.onFrame(frame);
    }, FRAME_INTERVAL_MS);
    this.stream = new wrtc.MediaStream([this.track]);
  }

  /** Stops producing frames (the track stays until `close`). */
  pause(): void {
    clearInterval(this.timer);
  }

  /** Stops producing frames and ends the track. */
  close(): void {
    clearInterval(this.timer);
    this.track.stop();
  }
}
