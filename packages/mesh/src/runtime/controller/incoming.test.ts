import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { TrackIdentity } from '../manifest';
import type { LinkStatus } from '../types';
import { type IncomingView, incomingTracks } from './incoming';

const video = (origin: PeerId): TrackIdentity => ({ origin, key: 'cam', kind: 'video' });

interface Named {
  identity: TrackIdentity;
  readyState?: MediaStreamTrackState;
  muted?: boolean;
  decoded?: boolean;
}

function link(status: LinkStatus, named: Named[]): IncomingView {
  return {
    status,
    incoming: new Map(
      named.map((n, i) => [
        String(i),
        {
          identity: n.identity,
          track: { readyState: n.readyState ?? 'live', muted: n.muted ?? false },
          decoded: n.decoded ?? true,
        },
      ]),
    ),
  };
}

describe('incomingTracks', () => {
  it('[M10] decoding tracks are available, named ones not decoding yet only announced', () => {
    const result = incomingTracks(
      [
        [
          'peer-bbbb',
          link('connected', [
            { identity: video('peer-bbbb') },
            { identity: video('peer-cccc'), decoded: false },
          ]),
        ],
      ],
      [],
    );
    expect(result.available.get('peer-bbbb')).toEqual([video('peer-bbbb')]);
    expect(result.announced.get('peer-bbbb')).toEqual([video('peer-cccc')]);
  });

  it('[M10] ended or muted tracks and links not connected deliver nothing', () => {
    const result = incomingTracks(
      [
        [
          'peer-bbbb',
          link('connected', [
            { identity: video('peer-bbbb'), readyState: 'ended' },
            { identity: video('peer-cccc'), muted: true },
          ]),
        ],
        ['peer-dddd', link('restarting', [{ identity: video('peer-dddd') }])],
      ],
      [],
    );
    expect(result.available.get('peer-bbbb')).toEqual([]);
    expect(result.announced.get('peer-bbbb')).toEqual([]);
    expect(result.available.has('peer-dddd')).toBe(false);
  });

  it('[M10] a link to a peer the newest plan no longer has delivers nothing', () => {
    const links: Array<[PeerId, IncomingView]> = [
      ['peer-bbbb', link('connected', [{ identity: video('peer-bbbb') }])],
      ['peer-gone', link('connected', [{ identity: video('peer-bbbb') }])],
    ];
    const result = incomingTracks(links, ['peer-self', 'peer-bbbb']);
    expect([...result.available.keys()]).toEqual(['peer-bbbb']);
  });
});
