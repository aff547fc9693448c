import type { RecordedTile } from './frame';

/**
 * One muted, detached `<video>` per recorded tile, playing the tile's stream so its frames can
 * be drawn; a tile whose stream changes (a new route, a new track) gets the new one in place,
 * and a tile that goes away loses its element. The page's own tile elements are never touched.
 */
export class VideoSources {
  readonly #elements = new Map<string, { el: HTMLVideoElement; stream: MediaStream | null }>();

  constructor(private readonly doc: Document) {}

  /** Matches the elements to `tiles`. */
  sync(tiles: readonly RecordedTile[]): void {
    const wanted = new Set<string>();
    for (const tile of tiles) {
      wanted.add(tile.id);
      const entry = this.#elements.get(tile.id);
      if (entry && entry.stream === tile.stream) continue;
      const el = entry?.el ?? this.#create();
      el.srcObject = tile.stream;
      if (tile.stream) el.play().catch(() => {});
      this.#elements.set(tile.id, { el, stream: tile.stream });
    }
    for (const [id, entry] of [...this.#elements]) {
      if (wanted.has(id)) continue;
      entry.el.srcObject = null;
      this.#elements.delete(id);
    }
  }

  /** The element playing tile `id`, if any. */
  get(id: string): HTMLVideoElement | null {
    return this.#elements.get(id)?.el ?? null;
  }

  /** Lets every element go. Idempotent. */
  close(): void {
    for (const { el } of this.#elements.values()) el.srcObject = null;
    this.#elements.clear();
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
