import { describe, expect, it } from 'vitest';
import { FakeMediaStream } from '../testing/FakeMediaStream';
import { FakeTrack } from '../testing/FakeTrack';
import { LocalStreams } from './LocalStreams';

const stream = (...tracks: FakeTrack[]) => new FakeMediaStream(tracks) as unknown as MediaStream;

describe('LocalStreams', () => {
  it('[M10] only live tracks are sent; clearing a key removes its stream', () => {
    const local = new LocalStreams();
    const ended = new FakeTrack('video');
    ended.stop();
    const video = new FakeTrack('video');
    const audio = new FakeTrack('audio');
    local.set('cam', stream(ended, video, audio));
    local.set('screen', stream(ended));
    expect(local.liveTrack('cam', 'video')).toBe(video);
    expect(local.live()).toEqual([
      { key: 'cam', kind: 'audio' },
      { key: 'cam', kind: 'video' },
    ]);
    local.set('cam', null);
    expect(local.live()).toEqual([]);
    expect(local.liveTrack('cam', 'audio')).toBeUndefined();
  });
});
