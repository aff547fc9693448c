import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { trackKey } from '../manifest';
import type { ReceiveChoice } from '../receiving';
import type { FakeMediaStream } from '../testing/FakeMediaStream';
import { FakeTrack } from '../testing/FakeTrack';
import { fakeMediaStream } from '../testing/fakeRoom';
import type { MeshEvents } from '../types';
import { RemoteStreams, type RemoteStreamsInput } from './RemoteStreams';

const ME = 'peer-self';
const choice = (kind: 'audio' | 'video', path: PeerId[]): ReceiveChoice => ({
  origin: path[0] ?? 'peer-none',
  key: 'cam',
  kind,
  from: path.at(-2) ?? 'peer-none',
  path: [...path, ME],
});

function setup() {
  const events: Array<{ event: string; payload: unknown }> = [];
  const remote = new RemoteStreams({
    createMediaStream: fakeMediaStream,
    emit: (event, payload) => events.push({ event, payload }),
  });
  const tracks = new Map<string, FakeTrack>();
  /** The track arriving for `c`: one per (link, kind), made on first use. */
  const trackOf = (c: ReceiveChoice) => {
    const k = `${c.from}/${c.kind}`;
    if (!tracks.has(k)) tracks.set(k, new FakeTrack(c.kind));
    return tracks.get(k) as unknown as MediaStreamTrack;
  };
  /** Names every chosen track for its key, as the links' manifests would. */
  const namedBy = (choices: ReceiveChoice[]) => {
    const named = new Map<string, Set<MediaStreamTrack>>();
    for (const c of choices) named.set(trackKey(c), new Set([trackOf(c)]));
    return named;
  };
  const sync = (choices: ReceiveChoice[], extra: Partial<RemoteStreamsInput> = {}) =>
    remote.sync({
      choices: new Map(choices.map((c) => [trackKey(c), c])),
      named: namedBy(choices),
      order: new Set([ME, 'peer-bbbb', 'peer-hubb']),
      trackOf,
      ...extra,
    });
  const changed = () =>
    events
      .filter((e) => e.event === 'remoteStreamChanged')
      .map((e) => e.payload as MeshEvents['remoteStreamChanged']);
  const removed = () => events.filter((e) => e.event === 'remoteStreamRemoved');
  const shown = () => remote.get('peer-bbbb', 'cam') as unknown as FakeMediaStream | null;
  return { remote, sync, changed, removed, shown, trackOf, namedBy };
}

describe('RemoteStreams', () => {
  it("[M11] one stream per identity with its tracks; its route is its video's", () => {
    const { sync, changed, shown } = setup();
    sync([choice('audio', ['peer-bbbb', 'peer-hubb']), choice('video', ['peer-bbbb'])]);
    expect(changed()).toHaveLength(1);
    expect(changed()[0]).toMatchObject({
      origin: 'peer-bbbb',
      key: 'cam',
      route: { path: ['peer-bbbb', ME], hops: 1 },
    });
    expect(
      shown()
        ?.getTracks()
        .map((t) => t.kind),
    ).toEqual(['audio', 'video']);
  });

  it('[M11] a new route swaps the track inside the same stream; no change, no event', () => {
    const { sync, changed, shown } = setup();
    sync([choice('video', ['peer-bbbb'])]);
    const stream = shown();
    const direct = stream?.getVideoTracks()[0];
    sync([choice('video', ['peer-bbbb'])]);
    expect(changed()).toHaveLength(1);
    sync([choice('video', ['peer-bbbb', 'peer-hubb'])]);
    expect(changed()).toHaveLength(2);
    expect(changed()[1]?.route.hops).toBe(2);
    expect(shown()).toBe(stream);
    expect(stream?.getVideoTracks()).toHaveLength(1);
    expect(stream?.getVideoTracks()[0]).not.toBe(direct);
  });

  it('[M11] a kind no route delivers stays while named, and goes once nothing names it', () => {
    const { sync, changed, shown, namedBy } = setup();
    const audio = choice('audio', ['peer-bbbb']);
    const video = choice('video', ['peer-bbbb']);
    sync([audio, video]);
    sync([video], { named: namedBy([audio, video]) });
    expect(
      shown()
        ?.getTracks()
        .map((t) => t.kind),
    ).toEqual(['audio', 'video']);
    sync([video]);
    expect(
      shown()
        ?.getTracks()
        .map((t) => t.kind),
    ).toEqual(['video']);
    expect(changed()).toHaveLength(2);
  });

  it('[M11] the tile stays while a link still names it, and goes when its origin leaves', () => {
    const { sync, removed, shown, namedBy } = setup();
    const video = choice('video', ['peer-bbbb']);
    sync([video]);
    // An ICE restart: nothing delivers, the link still names the track.
    sync([], { named: namedBy([video]) });
    expect(shown()).not.toBeNull();
    sync([video], { order: new Set([ME]) });
    expect(removed()).toEqual([
      { event: 'remoteStreamRemoved', payload: { origin: 'peer-bbbb', key: 'cam' } },
    ]);
    expect(shown()).toBeNull();
  });

  it('[M11] a stream no link names any more is removed', () => {
    const { sync, removed } = setup();
    sync([choice('video', ['peer-bbbb'])]);
    sync([]);
    expect(removed()).toHaveLength(1);
  });

  it('[M11] a track its link stopped naming leaves the stream even while another link names the identity', () => {
    const { sync, changed, shown, namedBy, trackOf } = setup();
    const viaHub = choice('video', ['peer-bbbb', 'peer-hubb']);
    const direct = choice('video', ['peer-bbbb']);
    sync([viaHub]);
    const stale = trackOf(viaHub);
    expect(shown()?.getVideoTracks()).toEqual([stale]);
    // The hub's manifest dropped the mid (it may reuse it for another origin next); the direct
    // link names the stream but is not connected yet, so nothing is chosen.
    sync([], { named: namedBy([direct]) });
    expect(shown()).not.toBeNull();
    expect(shown()?.getVideoTracks()).toEqual([]);
    expect(changed()).toHaveLength(2);
  });

  it('[M11] a kind whose track went unnamed is dropped even though another link names the kind', () => {
    const { sync, shown, namedBy, trackOf } = setup();
    const audioViaHub = choice('audio', ['peer-bbbb', 'peer-hubb']);
    const audioDirect = choice('audio', ['peer-bbbb']);
    const video = choice('video', ['peer-bbbb']);
    sync([audioViaHub, video]);
    sync([video], { named: namedBy([audioDirect, video]) });
    expect(shown()?.getTracks()).toEqual([trackOf(video)]);
  });
});
