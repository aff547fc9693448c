import { describe, expect, it } from 'vitest';
import { TrackBundle } from './TrackBundle';
import { FakeTrack } from './testing/FakePeerConnection';

describe('TrackBundle', () => {
  it('[M11] holds tracks by object, not by id, and filters by kind', () => {
    const bundle = new TrackBundle();
    const video = new FakeTrack('video') as unknown as MediaStreamTrack;
    const twin = new FakeTrack('video') as unknown as MediaStreamTrack;
    const audio = new FakeTrack('audio') as unknown as MediaStreamTrack;
    bundle.addTrack(video);
    bundle.addTrack(video);
    bundle.addTrack(audio);
    expect(bundle.getTracks()).toEqual([video, audio]);
    bundle.removeTrack(video);
    bundle.addTrack(twin);
    expect(bundle.getVideoTracks()).toEqual([twin]);
    expect(bundle.getAudioTracks()).toEqual([audio]);
  });
});
