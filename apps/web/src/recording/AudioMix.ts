/**
 * Everyone's sound in one track: each audio track given to `sync` feeds one
 * MediaStreamDestination through its own source node; tracks that go are disconnected. With no
 * tracks the mix is silence, so a recording always has its audio track.
 */
export class AudioMix {
  readonly #ctx: AudioContext;
  readonly #destination: MediaStreamAudioDestinationNode;
  readonly #sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();
  #closed = false;

  constructor(createContext: () => AudioContext = () => new AudioContext()) {
    this.#ctx = createContext();
    this.#destination = this.#ctx.createMediaStreamDestination();
    // Started from a click, the context may still begin suspended; resume it.
    if (this.#ctx.state === 'suspended') this.#ctx.resume().catch(() => {});
  }

  /** The mixed track to record. */
  get track(): MediaStreamTrack | null {
    return this.#destination.stream.getAudioTracks()[0] ?? null;
  }

  /** Mixes exactly `tracks` from now on. */
  sync(tracks: readonly MediaStreamTrack[]): void {
    if (this.#closed) return;
    const wanted = new Set(tracks);
    for (const track of wanted) {
      if (this.#sources.has(track)) continue;
      const node = this.#ctx.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.#destination);
      this.#sources.set(track, node);
    }
    for (const [track, node] of [...this.#sources]) {
      if (wanted.has(track)) continue;
      node.disconnect();
      this.#sources.delete(track);
    }
  }

  /** Disconnects everything and closes the context. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const node of this.#sources.values()) node.disconnect();
    this.#sources.clear();
    for (const track of this.#destination.stream.getTracks()) track.stop();
    this.#ctx.close().catch(() => {});
  }
}
