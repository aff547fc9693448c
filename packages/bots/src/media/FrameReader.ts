import type { RTCVideoSink } from '@roamhq/wrtc/types/nonstandard';
import { nonstandard } from '../wrtc';
import { decodeFrameCode, type FrameCode, type I420Frame } from './frameCode';

/** Called for every decoded frame of a watched track: its code, or null if unreadable. */
export type FrameListener = (code: FrameCode | null, frame: I420Frame) => void;

/**
 * Watches a received video track through an `RTCVideoSink` and reads the frame code of every
 * decoded frame. `stop()` is idempotent.
 */
export class FrameReader {
  readonly track: MediaStreamTrack;
  readonly #sink: RTCVideoSink;
  #stopped = false;

  constructor(track: MediaStreamTrack, listener: FrameListener) {
    this.track = track;
    this.#sink = new nonstandard.RTCVideoSink(track);
    this.#sink.onframe = (event: { frame: I420Frame }) => {
      if (this.#stopped) return;
      listener(decodeFrameCode(event.frame), event.frame);
    };
  }

  /** Stops reading frames. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#sink.stop();
  }
}
