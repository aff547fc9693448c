import type { ManifestEntry } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { FakeTrack } from '../testing/FakeTrack';
import { FakeTransceiver } from '../testing/FakeTransceiver';
import { IncomingTracks } from './IncomingTracks';

const entry = (mid: string, origin: string, kind: 'audio' | 'video' = 'video'): ManifestEntry => ({
  mid,
  origin,
  stream: 'cam',
  kind,
});

/** IncomingTracks over receiving transceivers with the given mids, recording its hooks. */
function harness(...kinds: Array<'audio' | 'video'>) {
  const transceivers = kinds.map((kind, i) => {
    const t = new FakeTransceiver(kind, 'recvonly', null);
    t.mid = String(i);
    return t;
  });
  const pc = { getTransceivers: () => transceivers } as unknown as RTCPeerConnection;
  const log: string[] = [];
  const incoming = new IncomingTracks(pc, {
    changed: () => log.push('changed'),
    named: (key, mid, freshMid) => log.push(`named ${key} on ${mid}${freshMid ? ' (fresh)' : ''}`),
    retained: (keys) => log.push(`retained ${[...keys].join(',')}`),
    raise: (code) => log.push(code),
  });
  const track = (i: number) => transceivers[i]?.receiver.track as FakeTrack;
  return { incoming, log, track };
}

describe('IncomingTracks', () => {
  it('[M5] names receivers by mid through the manifest; only a change is announced', () => {
    const h = harness('video');
    h.incoming.apply([entry('0', 'peer-aaaa')]);
    h.incoming.apply([entry('0', 'peer-aaaa')]);
    expect([...h.incoming.named.keys()]).toEqual(['peer-aaaa/cam/video']);
    expect(h.log).toEqual([
      'named peer-aaaa/cam/video on 0 (fresh)',
      'retained peer-aaaa/cam/video',
      'changed',
      'retained peer-aaaa/cam/video',
    ]);
  });

  it('[M5][M10] another identity on a mid that carried one before starts from its count', () => {
    const h = harness('video');
    h.incoming.apply([entry('0', 'peer-aaaa')]);
    h.incoming.markDecoded(['peer-aaaa/cam/video']);
    h.log.length = 0;
    h.incoming.apply([entry('0', 'peer-cccc')]);
    expect(h.log).toEqual([
      'named peer-cccc/cam/video on 0',
      'retained peer-cccc/cam/video',
      'changed',
    ]);
    expect(h.incoming.named.get('peer-cccc/cam/video')?.decoded).toBe(false);
  });

  it('[M5] a manifest naming the wrong kind for a mid is ERR_BAD_SIGNAL and names nothing', () => {
    const h = harness('video');
    h.incoming.apply([entry('0', 'peer-aaaa', 'audio')]);
    expect(h.log).toContain('ERR_BAD_SIGNAL');
    expect(h.incoming.named.size).toBe(0);
  });

  it('[M10] mute and unmute of a named track are changes; their listeners go when it is no longer named', () => {
    const h = harness('video', 'audio');
    h.incoming.apply([entry('0', 'peer-aaaa'), entry('1', 'peer-aaaa', 'audio')]);
    h.incoming.apply([entry('0', 'peer-aaaa'), entry('1', 'peer-aaaa', 'audio')]);
    expect([h.track(0).listenerCount('mute'), h.track(0).listenerCount('unmute')]).toEqual([1, 1]);
    h.log.length = 0;
    h.track(0).dispatch('mute');
    expect(h.log).toEqual(['changed']);
    // The audio track is no longer named: its listeners are removed, the video's kept.
    h.incoming.apply([entry('0', 'peer-aaaa')]);
    expect([h.track(1).listenerCount('mute'), h.track(1).listenerCount('unmute')]).toEqual([0, 0]);
    expect([h.track(0).listenerCount('mute'), h.track(0).listenerCount('unmute')]).toEqual([1, 1]);
    h.log.length = 0;
    h.track(1).dispatch('unmute');
    expect(h.log).toEqual([]);
  });

  it('[M8] close removes every mute listener and nothing is announced after', () => {
    const h = harness('video');
    h.incoming.apply([entry('0', 'peer-aaaa')]);
    h.incoming.close();
    expect([h.track(0).listenerCount('mute'), h.track(0).listenerCount('unmute')]).toEqual([0, 0]);
    h.log.length = 0;
    h.incoming.apply([entry('0', 'peer-cccc')]);
    h.incoming.markDecoded(['peer-aaaa/cam/video']);
    expect(h.log).toEqual([]);
  });
});
