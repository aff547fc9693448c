import type { FeedPeer, FeedSnapshot } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { feedDiff } from './feedState';

const peer = (id: string, extra: Partial<FeedPeer> = {}): FeedPeer => ({
  id,
  displayName: id,
  media: { audio: true, video: true, screen: false },
  host: false,
  connected: true,
  ...extra,
});

const base: FeedSnapshot = {
  roomId: 'room',
  peers: [peer('aaaaaaaa', { host: true })],
  topology: 'mesh',
  hub: null,
  planVersion: 1,
  links: [],
};

describe('[P20] feed diff', () => {
  const rows: Array<[string, Partial<FeedSnapshot>, string[]]> = [
    ['nothing changed', {}, []],
    ['a join', { peers: [...base.peers, peer('bbbbbbbb')] }, ['peer-joined']],
    ['a leave', { peers: [] }, ['peer-left']],
    [
      'a media change',
      {
        peers: [
          peer('aaaaaaaa', { host: true, media: { audio: false, video: true, screen: false } }),
        ],
      },
      ['peer-updated'],
    ],
    [
      'a dropped socket',
      { peers: [peer('aaaaaaaa', { host: true, connected: false })] },
      ['peer-updated'],
    ],
    [
      'a topology switch',
      { topology: 'star', hub: 'aaaaaaaa', planVersion: 2 },
      ['topology', 'plan'],
    ],
    ['a new plan', { planVersion: 2 }, ['plan']],
    [
      'a link state',
      { links: [{ a: 'aaaaaaaa', b: 'bbbbbbbb', state: 'connected', rttMs: 3 }] },
      ['links'],
    ],
  ];
  for (const [name, change, events] of rows) {
    it(`${name} gives ${events.join(', ') || 'no events'}`, () => {
      expect(feedDiff(base, { ...base, ...change }).map((e) => e.event)).toEqual(events);
    });
  }

  it('does not send an RTT-only change', () => {
    const link = { a: 'aaaaaaaa', b: 'bbbbbbbb', state: 'connected' as const, rttMs: 3 };
    const prev = { ...base, links: [link] };
    expect(feedDiff(prev, { ...base, links: [{ ...link, rttMs: 9 }] })).toEqual([]);
  });
});
