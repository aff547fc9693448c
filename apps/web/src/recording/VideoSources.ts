import type { RecordedTile } from './frame';
import { hasPicture } from './hasPicture';

/** How long a tile's previous stream stands in while its new one brings no picture yet. */
export const HANDOVER_MS = 3_000;

interface Source {
  el: HTMLVideoElement;
  stream: MediaStream | null;
  /** The element of the stream this tile had before, drawn until `el` has a picture. */
  previous: HTMLVideoElement | null;
  since: number;
}

/**
 * One muted, detached `<video>` per recorded tile, playing the tile's stream so its frames can
 * be drawn. A tile whose stream changes (a new route, a new track) gets a new element, and the
 * old one is drawn until the new one has a picture, for at most `HANDOVER_MS`: the recording
 * keeps the person on screen across a topology switch, as the links do (make-before-break). A
 * tile that goes away loses its elements. The page's own tile elements are never touched.
 */
export class VideoSources {
  readonly #sources = new Map<string, Source>();

  constructor(
    private readonly doc: Document,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Matches the elements to `tiles`. */
  sync(tiles: readonly RecordedTile[]): void {
    const wanted = new Set<string>();
    for (const tile of tiles) {
      wanted.add(tile.id);
      const source = this.#sources.get(tile.id);
      if (source && source.stream === tile.stream) continue;
      if (source) release(source.previous);
      const previous = source && hasPicture(source.el) ? source.el : null;
      if (source && previous === null) release(source.el);
      const el = this.#create();
      el.srcObject = tile.stream;
      if (tile.stream) el.play().catch(() => {});
      this.#sources.set(tile.id, { el, stream: tile.stream, previous, since: this.now() });
    }
    for (const [id, source] of [...this.#sources]) {
      if (wanted.has(id)) continue;
      release(source.el);
      release(source.previous);
      this.#sources.delete(id);
    }
  }

  /** The element to draw tile `id` from, if any: its stream's, or the previous one's meanwhile. */
  get(id: string): HTMLVideoElement | null {
    const source = this.#sources.get(id);
    if (!source) return null;
    const { previous } = source;
    if (previous === null) return source.el;
    const expired = this.now() - source.since > HANDOVER_MS;
    if (hasPicture(source.el) || expired || !hasPicture(previous)) {
      release(previous);
      source.previous = null;
      return source.el;
    }
    return previous;
  }

  /** Whether every tile of `tiles` that shows video has a picture to draw now. */
  pictured(tiles: readonly RecordedTile[]): boolean {
    return tiles.every((tile) => {
      if (!tile.showVideo || tile.stream === null) return true;
      const el = this.get(tile.id);
      return el !== null && hasPicture(el);
    });
  }

  /** Lets every element go. Idempotent. */
  close(): void {
    for (const { el, previous } of this.#sources.values()) {
      release(el);
      release(previous);
    }
    this.#sources.clear();
  }

  #create(): HTMLVideoElement {
    const el = this.doc.createElement('video');
    // Sound reaches the recording through the mix, and the page plays it already.
    el.muted = true;
    el.playsInline = true;
    el.autoplay = true;
    return el;
  }
}

function release(el: HTMLVideoElement | null): void {
  if (el) el.srcObject = null;
}
