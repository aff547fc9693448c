import type { StreamKey, TrackKind } from '@meshwork/protocol';

/** Track kinds a stream may carry, in the order they are considered. */
export const KINDS: readonly TrackKind[] = ['audio', 'video'];

/** This peer's own streams by key (`cam`, `screen`), and their live tracks. */
export class LocalStreams {
  readonly #streams = new Map<StreamKey, MediaStream>();

  /** Sets the stream under `key`, or removes it with null. */
  set(key: StreamKey, stream: MediaStream | null): void {
    if (stream === null) this.#streams.delete(key);
    else this.#streams.set(key, stream);
  }

  /** The first live track of `kind` in the stream under `key`: ended tracks are never sent. */
  liveTrack(key: StreamKey, kind: TrackKind): MediaStreamTrack | undefined {
    const stream = this.#streams.get(key);
    const tracks = kind === 'audio' ? stream?.getAudioTracks() : stream?.getVideoTracks();
    return tracks?.find((t) => t.readyState === 'live');
  }

  /** Every (key, kind) with a live track. */
  live(): Array<{ key: StreamKey; kind: TrackKind }> {
    const out: Array<{ key: StreamKey; kind: TrackKind }> = [];
    for (const key of this.#streams.keys()) {
      for (const kind of KINDS)
        if (this.liveTrack(key, kind) !== undefined) out.push({ key, kind });
    }
    return out;
  }
}
