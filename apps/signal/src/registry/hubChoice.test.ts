import { describe, expect, it } from 'vitest';
import { chooseHub } from './hubChoice';
import { insertPeer, NO_MEDIA, newRoom, type PeerState } from './Room';

const KEY = 'A'.repeat(87);

function peer(id: string, joinedAt: number, extra: Partial<PeerState> = {}): PeerState {
  return {
    id,
    displayName: id,
    joinedAt,
    seq: joinedAt,
    media: NO_MEDIA,
    capacity: {},
    conn: id,
    publicKey: KEY,
    hubVerified: false,
    ...extra,
  };
}

describe('chooseHub', () => {
  const cases: Array<{ name: string; peers: PeerState[]; preference?: string; hub: string }> = [
    {
      name: '[P17] a newcomer claiming a huge uplink does not take the hub',
      peers: [peer('first', 1), peer('greedy', 2, { capacity: { uplinkKbps: 1e7 } })],
      hub: 'first',
    },
    {
      name: '[P17] an unverified server claim counts for nothing',
      peers: [peer('first', 1), peer('claim', 2, { capacity: { deviceClass: 'server' } })],
      hub: 'first',
    },
    {
      name: '[P17] an authenticated media hub is preferred',
      peers: [
        peer('first', 1),
        peer('hub', 2, { hubVerified: true, capacity: { deviceClass: 'server' } }),
      ],
      hub: 'hub',
    },
    {
      name: '[P17] hints break a tie of equal join times',
      peers: [
        peer('slow', 1, { capacity: { uplinkKbps: 10 } }),
        peer('fast', 1, { seq: 9, capacity: { uplinkKbps: 900 } }),
      ],
      hub: 'fast',
    },
    {
      name: 'a person’s choice comes first',
      peers: [peer('first', 1), peer('chosen', 2)],
      preference: 'chosen',
      hub: 'chosen',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const room = newRoom('room', null);
      for (const p of c.peers) insertPeer(room, p);
      room.hubPreference = c.preference ?? null;
      expect(chooseHub(room)).toBe(c.hub);
    });
  }
});
