import type { RTCAudioSource, RTCVideoSource } from '@roamhq/wrtc/types/nonstandard';
import { MediaStream, nonstandard } from '../wrtc';
import { createI420Frame, encodeFrameCode, type I420Frame, STAMP_MODULO } from './frameCode';

/** Default synthetic camera: small frames keep many bots cheap on two cores. */
export const DEFAULT_VIDEO = { width: 160, height: 120, fps: 15 } as const;
/** Audio sample rate fed to the audio source. */
export const AUDIO_SAMPLE_RATE = 48_000;
/** `RTCAudioSource.onData` takes 10 ms of samples at a time. */
const AUDIO_CHUNK_MS = 10;
/** How often the audio timer wakes; each wake feeds every 10 ms chunk that is due. */
export const AUDIO_TICK_MS = 20;
/** After a stall (a busy event loop), at most this many chunks are fed at once; the rest is skipped. */
const MAX_AUDIO_CATCH_UP_CHUNKS = 10;

/** Options of a synthetic camera and microphone. */
export interface SyntheticMediaOptions {
  /** Bot index (0-255), written into every frame. */
  index: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Produce a tone track too (default true). */
  audio?: boolean;
  /** Tone frequency (default 440 Hz plus a step per index). */
  toneHz?: number;
  /** Wall clock in ms, stamped into frames (default Date.now). */
  now?: () => number;
}

/**
 * A synthetic camera stream: an `RTCVideoSource` fed with I420 frames whose pixels carry a frame
 * counter, the bot index and a send time (see frameCode.ts), plus an `RTCAudioSource` tone.
 * Its timers produce media until `stop()`.
 */
export class SyntheticMedia {
  /** The stream to send: one video track and, unless disabled, one audio track. */
  readonly stream: MediaStream;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly index: number;
  #framesProduced = 0;
  readonly #video: RTCVideoSource;
  readonly #audio: RTCAudioSource | null;
  readonly #frame: I420Frame;
  readonly #now: () => number;
  readonly #toneHz: number;
  #videoTimer: ReturnType<typeof setInterval> | null = null;
  #audioTimer: ReturnType<typeof setInterval> | null = null;
  #audioStartedAt = 0;
  #audioChunks = 0;
  #phase = 0;
  #stopped = false;

  constructor(options: SyntheticMediaOptions) {
    this.index = options.index;
    this.width = options.width ?? DEFAULT_VIDEO.width;
    this.height = options.height ?? DEFAULT_VIDEO.height;
    this.fps = options.fps ?? DEFAULT_VIDEO.fps;
    if (!(this.fps > 0 && this.fps <= 60))
      throw new RangeError(`fps must be 1-60, got ${this.fps}`);
    this.#now = options.now ?? Date.now;
    this.#toneHz = options.toneHz ?? 440 + 20 * (options.index % 20);
    this.#frame = createI420Frame(this.width, this.height);
    this.#video = new nonstandard.RTCVideoSource();
    const tracks = [this.#video.createTrack()];
    if (options.audio ?? true) {
      this.#audio = new nonstandard.RTCAudioSource();
      tracks.push(this.#audio.createTrack());
    } else {
      this.#audio = null;
    }
    this.stream = new MediaStream(tracks);
  }

  /** Frames handed to the video source so far. */
  get framesProduced(): number {
    return this.#framesProduced;
  }

  /** Starts producing frames (and audio). Idempotent. */
  start(): void {
    if (this.#stopped) throw new Error('SyntheticMedia was stopped');
    if (this.#videoTimer) return;
    this.#pushFrame();
    this.#videoTimer = setInterval(() => this.#pushFrame(), 1000 / this.fps);
    if (this.#audio) {
      this.#audioStartedAt = this.#now();
      this.#audioTimer = setInterval(() => this.#pushAudio(), AUDIO_TICK_MS);
    }
  }

  /** Stops the timers and the tracks. Idempotent. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#videoTimer) clearInterval(this.#videoTimer);
    if (this.#audioTimer) clearInterval(this.#audioTimer);
    this.#videoTimer = null;
    this.#audioTimer = null;
    for (const track of this.stream.getTracks()) track.stop();
  }

  #pushFrame(): void {
    encodeFrameCode(this.#frame, {
      counter: this.#framesProduced,
      index: this.index,
      stamp: this.#now() % STAMP_MODULO,
    });
    this.#video.onFrame(this.#frame);
    this.#framesProduced++;
  }

  #pushAudio(): void {
    const audio = this.#audio;
    if (!audio) return;
    const due = Math.floor((this.#now() - this.#audioStartedAt) / AUDIO_CHUNK_MS);
    if (due - this.#audioChunks > MAX_AUDIO_CATCH_UP_CHUNKS) {
      this.#audioChunks = due - MAX_AUDIO_CATCH_UP_CHUNKS;
    }
    const n = (AUDIO_SAMPLE_RATE * AUDIO_CHUNK_MS) / 1000;
    const step = (2 * Math.PI * this.#toneHz) / AUDIO_SAMPLE_RATE;
    while (this.#audioChunks < due) {
      const samples = new Int16Array(n);
      for (let i = 0; i < n; i++) {
        samples[i] = Math.round(Math.sin(this.#phase) * 3_000);
        this.#phase += step;
      }
      this.#phase %= 2 * Math.PI;
      audio.onData({ samples, sampleRate: AUDIO_SAMPLE_RATE, channelCount: 1, numberOfFrames: n });
      this.#audioChunks++;
    }
  }
}
