/**
 * The part of MediaStream the runtime and Node consumers use, for platforms without a global
 * MediaStream (Node without a `createMediaStream` option). Browsers use the real one.
 */
export class TrackBundle {
  /** Random id, like MediaStream.id; identity never relies on it. */
  readonly id = `bundle-${Math.random().toString(36).slice(2, 12)}`;
  private readonly tracks: MediaStreamTrack[] = [];

  /** Adds `track` unless it is already in the bundle. */
  addTrack(track: MediaStreamTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }

  /** Removes `track` if present. */
  removeTrack(track: MediaStreamTrack): void {
    const i = this.tracks.indexOf(track);
    if (i >= 0) this.tracks.splice(i, 1);
  }

  /** Every track, in the order added. */
  getTracks(): MediaStreamTrack[] {
    return [...this.tracks];
  }

  /** The audio tracks. */
  getAudioTracks(): MediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }

  /** The video tracks. */
  getVideoTracks(): MediaStreamTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}
