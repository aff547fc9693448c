// Test support: a media track. Not part of the package's export list.
import { FakeEventTarget } from './FakeEventTarget';

/** A media track with a kind and a mute flag. */
export class FakeTrack extends FakeEventTarget {
  readonly id = `track-${Math.random().toString(36).slice(2, 10)}`;
  readyState: 'live' | 'ended' = 'live';
  muted = false;

  constructor(readonly kind: 'audio' | 'video') {
    super();
  }

  stop(): void {
    this.readyState = 'ended';
  }
}
