import { describe, expect, it } from 'vitest';
import {
  identityOf,
  manifestEntry,
  manifestFingerprint,
  streamKeyOf,
  type TrackIdentity,
  trackKey,
} from './manifest';

const cam: TrackIdentity = { origin: 'peer-aaaa', key: 'cam', kind: 'video' };

describe('manifest', () => {
  it('[M5] one stream key format, origin/key, and track keys extend it with the kind', () => {
    expect(streamKeyOf('peer-aaaa', 'cam')).toBe('peer-aaaa/cam');
    expect(trackKey(cam)).toBe('peer-aaaa/cam/video');
  });

  it('[M5] a manifest entry names its identity, and back', () => {
    expect(identityOf(manifestEntry('3', cam))).toEqual(cam);
  });

  it('[M5] the fingerprint ignores entry order and tells mids and identities apart', () => {
    const mic: TrackIdentity = { ...cam, kind: 'audio' };
    const a = [manifestEntry('0', cam), manifestEntry('1', mic)];
    expect(manifestFingerprint(a)).toBe(manifestFingerprint([...a].reverse()));
    expect(manifestFingerprint(a)).not.toBe(
      manifestFingerprint([manifestEntry('1', cam), manifestEntry('0', mic)]),
    );
  });
});
