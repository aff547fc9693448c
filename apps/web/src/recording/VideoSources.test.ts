import { describe, expect, it } from 'vitest';
import type { RecordedTile } from './frame';
import { hasPicture } from './hasPicture';
import { HANDOVER_MS, VideoSources } from './VideoSources';

/** A stream of one video track whose state the test sets. */
function fakeStream(state: MediaStreamTrackState = 'live') {
  const track = { readyState: state };
  return { track, stream: { getVideoTracks: () => [track] } as unknown as MediaStream };
}

/** A detached video element that "decodes" once the test says so. */
interface FakeVideo {
  srcObject: MediaStream | null;
  videoWidth: number;
  readyState: number;
  muted: boolean;
  playsInline: boolean;
  autoplay: boolean;
  play(): Promise<void>;
}

function fakeDocument() {
  const created: FakeVideo[] = [];
  const doc = {
    createElement: () => {
      const el: FakeVideo = {
        srcObject: null,
        videoWidth: 0,
        readyState: 0,
        muted: false,
        playsInline: false,
        autoplay: false,
        play: () => Promise.resolve(),
      };
      created.push(el);
      return el;
    },
  } as unknown as Document;
  return { doc, created };
}

const decode = (el: FakeVideo) => {
  el.videoWidth = 640;
  el.readyState = 4;
};

const tile = (stream: MediaStream | null): RecordedTile => ({
  id: 'bo/cam',
  caption: 'Bo',
  initials: 'B',
  stream,
  showVideo: true,
  contain: false,
  micOff: false,
  cameraOff: false,
  overlay: null,
});

describe('recording video sources', () => {
  it('has a picture only with a decoded frame from a track that has not ended', () => {
    const { doc, created } = fakeDocument();
    const live = fakeStream();
    const sources = new VideoSources(doc);
    sources.sync([tile(live.stream)]);
    const el = created[0] as FakeVideo;
    expect(hasPicture(el as unknown as HTMLVideoElement)).toBe(false);
    decode(el);
    expect(hasPicture(el as unknown as HTMLVideoElement)).toBe(true);
    live.track.readyState = 'ended';
    expect(hasPicture(el as unknown as HTMLVideoElement)).toBe(false);
  });

  it('draws the previous stream until the new one of a rerouted tile has a picture', () => {
    const { doc, created } = fakeDocument();
    let now = 0;
    const sources = new VideoSources(doc, () => now);
    const direct = fakeStream();
    sources.sync([tile(direct.stream)]);
    const first = created[0] as FakeVideo;
    decode(first);
    expect(sources.get('bo/cam')).toBe(first);

    // A topology switch hands the tile the relayed stream: no frame of it yet.
    const relayed = fakeStream();
    sources.sync([tile(relayed.stream)]);
    const second = created[1] as FakeVideo;
    expect(second.srcObject).toBe(relayed.stream);
    now += 200;
    expect(sources.get('bo/cam')).toBe(first);

    // Its first frame: the new element takes over and the old one lets its stream go.
    decode(second);
    expect(sources.get('bo/cam')).toBe(second);
    expect(first.srcObject).toBeNull();
  });

  it('stops standing in once the old track ended or the handover took too long', () => {
    const { doc, created } = fakeDocument();
    let now = 0;
    const sources = new VideoSources(doc, () => now);
    const a = fakeStream();
    sources.sync([tile(a.stream)]);
    decode(created[0] as FakeVideo);
    sources.sync([tile(fakeStream().stream)]);
    a.track.readyState = 'ended';
    expect(sources.get('bo/cam')).toBe(created[1]);

    const b = fakeStream();
    sources.sync([tile(b.stream)]);
    decode(created[2] as FakeVideo);
    sources.sync([tile(fakeStream().stream)]);
    expect(sources.get('bo/cam')).toBe(created[2]);
    now += HANDOVER_MS + 1;
    expect(sources.get('bo/cam')).toBe(created[3]);
  });

  it('lets a tile that went away, and everything on close, go', () => {
    const { doc, created } = fakeDocument();
    const sources = new VideoSources(doc);
    const stream = fakeStream().stream;
    sources.sync([tile(stream), { ...tile(stream), id: 'cy/cam' }]);
    sources.sync([tile(stream)]);
    expect(sources.get('cy/cam')).toBeNull();
    expect((created[1] as FakeVideo).srcObject).toBeNull();
    sources.close();
    expect(sources.get('bo/cam')).toBeNull();
    expect((created[0] as FakeVideo).srcObject).toBeNull();
  });

  it('is pictured once every tile that shows video has a picture; a tile without video needs none', () => {
    const { doc, created } = fakeDocument();
    const sources = new VideoSources(doc);
    const { stream } = fakeStream();
    const bo = tile(stream);
    const off = { ...tile(fakeStream().stream), id: 'cy/cam', showVideo: false };
    const none = { ...tile(null), id: 'di/cam' };
    sources.sync([bo, off, none]);
    expect(sources.pictured([bo, off, none])).toBe(false);
    decode(created[0] as FakeVideo);
    expect(sources.pictured([bo, off, none])).toBe(true);
    expect(sources.pictured([off, none])).toBe(true);
  });
});
