import type { StreamRoute } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';

/** Loudest sample a chunk must reach to count as heard: the bots' tone peaks at 3000. */
export const AUDIBLE_PEAK = 500;

/** What one origin's audio did here: decoded chunks, the audible ones, and its path. */
export interface AudioStats {
  origin: PeerId;
  key: string;
  /** 10 ms chunks decoded from the current and earlier tracks of this stream. */
  chunks: number;
  /** Chunks whose loudest sample reached `AUDIBLE_PEAK`. */
  audibleChunks: number;
  /** The path the audio takes here (origin first): the route's audio path, else its path. */
  path: readonly PeerId[];
}

/** A sink on one received audio track, calling back with each decoded chunk's samples. */
export interface AudioSinkLike {
  stop(): void;
}

/** Creates a sink on `track` that calls `onChunk` with every decoded chunk. */
export type CreateAudioSink = (
  track: MediaStreamTrack,
  onChunk: (samples: Int16Array) => void,
) => AudioSinkLike;

interface Watch {
  stats: AudioStats;
  track: MediaStreamTrack | null;
  sink: AudioSinkLike | null;
}

/**
 * Decodes the audio of every remote stream through a sink, per origin, so tests can tell that
 * each origin is heard and by which path its audio came (a hybrid plan's audio goes straight).
 */
export class AudioMeter {
  readonly #createSink: CreateAudioSink;
  readonly #onChunk: () => void;
  readonly #watches = new Map<string, Watch>();

  constructor(createSink: CreateAudioSink, onChunk: () => void = () => {}) {
    this.#createSink = createSink;
    this.#onChunk = onChunk;
  }

  /** Follows a stream that appeared or moved: a new audio track gets a new sink. */
  streamChanged(event: {
    origin: PeerId;
    key: string;
    stream: MediaStream;
    route: StreamRoute;
  }): void {
    const id = `${event.origin}/${event.key}`;
    let watch = this.#watches.get(id);
    if (watch === undefined) {
      watch = {
        stats: { origin: event.origin, key: event.key, chunks: 0, audibleChunks: 0, path: [] },
        track: null,
        sink: null,
      };
      this.#watches.set(id, watch);
    }
    watch.stats.path = [...(event.route.audioPath ?? event.route.path)];
    const track = event.stream.getAudioTracks()[0] ?? null;
    if (track === watch.track) return;
    watch.sink?.stop();
    watch.track = track;
    const stats = watch.stats;
    watch.sink =
      track === null
        ? null
        : this.#createSink(track, (samples) => {
            stats.chunks++;
            let peak = 0;
            for (const s of samples) peak = Math.max(peak, Math.abs(s));
            if (peak >= AUDIBLE_PEAK) stats.audibleChunks++;
            this.#onChunk();
          });
  }

  /** Stops watching a stream that went away; its counts stay readable. */
  streamRemoved(id: { origin: PeerId; key: string }): void {
    const watch = this.#watches.get(`${id.origin}/${id.key}`);
    watch?.sink?.stop();
    if (watch) {
      watch.sink = null;
      watch.track = null;
    }
  }

  /** Audio stats of `origin`'s stream `key`, if it ever appeared. */
  stats(origin: PeerId, key = 'cam'): AudioStats | undefined {
    return this.#watches.get(`${origin}/${key}`)?.stats;
  }

  /** Stops every sink. Idempotent. */
  stop(): void {
    for (const watch of this.#watches.values()) {
      watch.sink?.stop();
      watch.sink = null;
    }
  }
}
