// Test support: a MediaStream. Not part of the package's export list.
import type { FakeTrack } from './FakeTrack';

/** A MediaStream holding tracks, as the controller uses it. */
export class FakeMediaStream {
  private readonly tracks: FakeTrack[] = [];

  constructor(tracks: FakeTrack[] = []) {
    this.tracks.push(...tracks);
  }

  addTrack(track: FakeTrack): void {
    if (!this.tracks.includes(track)) this.tracks.push(track);
  }

  removeTrack(track: FakeTrack): void {
    const i = this.tracks.indexOf(track);
    if (i >= 0) this.tracks.splice(i, 1);
  }

  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }

  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }

  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
}
