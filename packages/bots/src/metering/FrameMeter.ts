import { type Clock, systemClock } from '@meshwork/kit';
import { type StreamIdentity, type StreamRoute, streamKeyOf } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import type { FrameCode } from '../media/frameCode';
import { OriginMeter, type OriginStats } from './OriginMeter';

/** A running reader of one track's frame codes. */
export interface TrackReader {
  stop(): void;
}

/** Starts reading `track`, calling `listener` with every decoded frame's code (null: unreadable). */
export type CreateTrackReader = (
  track: MediaStreamTrack,
  listener: (code: FrameCode | null) => void,
) => TrackReader;

/** A remote stream as the mesh reports it in `remoteStreamChanged`. */
export type MeteredStream = StreamIdentity & { stream: MediaStream; route: StreamRoute };

/** Options of a frame meter. */
export interface FrameMeterOptions {
  /** Reads frame codes off a received track (a `FrameReader` on wrtc). */
  createReader: CreateTrackReader;
  /** Called after every new frame, so predicate waits are checked again. */
  onNewFrame?: () => void;
  /** Times frames and track moves (defaults to the system clock). */
  clock?: Clock;
}

interface Watch {
  meter: OriginMeter;
  readers: Map<MediaStreamTrack, TrackReader>;
}

/**
 * Meters every remote stream a bot receives: one reader per video track of the stream, feeding one
 * `OriginMeter` per stream identity, across route changes that move the stream to new tracks.
 */
export class FrameMeter {
  readonly #watches = new Map<string, Watch>();
  readonly #createReader: CreateTrackReader;
  readonly #onNewFrame: () => void;
  readonly #clock: Clock;

  constructor(options: FrameMeterOptions) {
    this.#createReader = options.createReader;
    this.#onNewFrame = options.onNewFrame ?? (() => {});
    this.#clock = options.clock ?? systemClock;
  }

  /** Stats of `origin`'s stream (`cam` by default), or undefined if nothing arrived yet. */
  stats(origin: PeerId, key = 'cam'): OriginStats | undefined {
    return this.#watches.get(streamKeyOf(origin, key))?.meter.stats;
  }

  /** Stats of every stream received. */
  allStats(): OriginStats[] {
    return [...this.#watches.values()].map((w) => w.meter.stats);
  }

  /** Longest gap between new frames of `origin`, counting a gap still open now. */
  gapNow(origin: PeerId, key = 'cam', now = this.#clock.now()): number {
    return (
      this.#watches.get(streamKeyOf(origin, key))?.meter.gapAt(now) ?? Number.POSITIVE_INFINITY
    );
  }

  /** Starts a new measuring window for `longestGapMs` of every stream. */
  resetGaps(): void {
    for (const w of this.#watches.values()) w.meter.resetGap();
  }

  /**
   * Follows a stream that appeared or moved: records its route, stops readers of tracks it left
   * and reads its new video tracks. A track that is not the stream's first also reports how long
   * it took to show a readable frame.
   */
  streamChanged(event: MeteredStream): void {
    const id = streamKeyOf(event.origin, event.key);
    let watch = this.#watches.get(id);
    if (!watch) {
      watch = { meter: new OriginMeter(event.origin, event.key), readers: new Map() };
      this.#watches.set(id, watch);
    }
    const { meter, readers } = watch;
    meter.routed(event.route);
    const tracks = event.stream.getVideoTracks();
    for (const [track, reader] of readers) {
      if (!tracks.includes(track)) {
        reader.stop();
        readers.delete(track);
      }
    }
    const switched = meter.stats.firstFrameAt !== null;
    for (const track of tracks) {
      if (readers.has(track)) continue;
      const since = this.#clock.now();
      let awaitingFirst = switched;
      const reader = this.#createReader(track, (code) => {
        if (awaitingFirst && code) {
          awaitingFirst = false;
          meter.trackSwitched(this.#clock.now() - since);
        }
        if (meter.frame(code, this.#clock.now())) this.#onNewFrame();
      });
      readers.set(track, reader);
    }
  }

  /** Stops reading a stream that is gone; its stats stay, marked inactive. */
  streamRemoved(id: StreamIdentity): void {
    const watch = this.#watches.get(streamKeyOf(id.origin, id.key));
    if (watch) this.#end(watch);
  }

  /** Stops every reader and marks every stream inactive. Idempotent. */
  stop(): void {
    for (const watch of this.#watches.values()) this.#end(watch);
  }

  #end(watch: Watch): void {
    for (const reader of watch.readers.values()) reader.stop();
    watch.readers.clear();
    watch.meter.ended();
  }
}
