import { fixWebmDuration } from '@fix-webm-duration/fix';
import { AudioMix } from './AudioMix';
import { drawTiles } from './drawTiles';
import type { RecordingFrame } from './frame';
import { layoutRecording, recordingGap } from './layout';
import { pickMimeType } from './mimeType';
import { NORMAL_RECORDING, type RecordingQuality } from './quality';
import { type CallRecording, type RecordedFile, RecordingError } from './types';
import { VideoSources } from './VideoSources';

/** Audio bit rate of the mix (Opus). */
const AUDIO_BITS_PER_SECOND = 128_000;
/** How often the recorder hands over what it encoded, so a long recording is not one buffer. */
const TIMESLICE_MS = 1_000;
/**
 * Longest the recorder waits for the first picture of every tile that shows video before the file
 * begins. Each tile plays through an element of the recorder's own, which takes a moment to
 * decode (0.4 s was not enough on a loaded machine): without the wait a file opens on avatars.
 */
export const FIRST_PICTURES_MAX_MS = 2_000;

/**
 * Records the call as this page sees it: every frame, the tiles `source` gives are laid out as
 * the grid lays them out and drawn on a canvas (names, mic and camera state, avatars), the
 * canvas's stream and everyone's mixed sound go to a `MediaRecorder` in WebM, and on stop the
 * file gets its duration written in (MediaRecorder leaves it out, so players could not seek).
 */
export async function startBrowserRecording(
  source: () => RecordingFrame | null,
  quality: RecordingQuality = NORMAL_RECORDING,
  doc: Document = document,
): Promise<CallRecording> {
  const Recorder = globalThis.MediaRecorder;
  const canvas = doc.createElement('canvas');
  const mimeType = Recorder ? pickMimeType((t) => Recorder.isTypeSupported(t)) : null;
  if (!Recorder || !mimeType || typeof canvas.captureStream !== 'function') {
    throw new RecordingError('ERR_RECORDING_UNSUPPORTED', 'MediaRecorder cannot record WebM here');
  }
  canvas.width = quality.width;
  canvas.height = quality.height;
  const ctx = canvas.getContext('2d', { alpha: false });
  const first = source();
  if (!ctx || !first) throw new RecordingError('ERR_RECORDING_FAILED', 'nothing to record');

  const videos = new VideoSources(doc);
  const mix = new AudioMix();
  const size = { width: quality.width, height: quality.height };
  const gap = recordingGap(quality.width);
  let stop = () => {};
  /** Set while the recorder waits for first pictures: called once a frame has them all. */
  let pictured: (() => void) | null = null;
  const draw = (frame: RecordingFrame | null) => {
    if (!frame) {
      pictured?.();
      stop();
      return;
    }
    videos.sync(frame.tiles);
    mix.sync(frame.audio);
    const rects = layoutRecording({
      count: frame.tiles.length,
      ...size,
      gap,
      pinned: frame.pinned,
    });
    drawTiles(ctx, size, frame.tiles, rects, (id) => videos.get(id), frame.labels);
    if (pictured && videos.pictured(frame.tiles)) pictured();
  };
  draw(first);
  // The frame clock: each tick reads the room and draws it (a timer paces frames, it orders nothing).
  const timer = setInterval(() => draw(source()), Math.round(1000 / quality.fps));
  if (!videos.pictured(first.tiles)) {
    await new Promise<void>((resolve) => {
      const bound = setTimeout(() => pictured?.(), FIRST_PICTURES_MAX_MS);
      pictured = () => {
        pictured = null;
        clearTimeout(bound);
        resolve();
      };
    });
  }

  const video = canvas.captureStream(quality.fps).getVideoTracks();
  const tracks = mix.track ? [...video, mix.track] : video;
  const recorder = new Recorder(new MediaStream(tracks), {
    mimeType,
    videoBitsPerSecond: quality.videoBitsPerSecond,
    audioBitsPerSecond: AUDIO_BITS_PER_SECOND,
  });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  });
  const startedAt = performance.now();
  const cleanup = () => {
    clearInterval(timer);
    for (const track of video) track.stop();
    videos.close();
    mix.close();
  };
  const finished = new Promise<RecordedFile>((resolve, reject) => {
    recorder.addEventListener('stop', () => {
      const durationMs = performance.now() - startedAt;
      cleanup();
      const raw = new Blob(chunks, { type: mimeType });
      fixWebmDuration(raw, durationMs)
        .catch(() => raw)
        .then((blob) => resolve({ blob, mimeType, durationMs }), reject);
    });
    recorder.addEventListener('error', (e) => {
      cleanup();
      reject(new RecordingError('ERR_RECORDING_FAILED', String((e as ErrorEvent).message ?? e)));
    });
  });
  stop = () => {
    if (recorder.state !== 'inactive') recorder.stop();
  };
  recorder.start(TIMESLICE_MS);
  return { stop: () => stop(), finished };
}
