import type { PeerInfo, RoomLink, RoomSnapshot } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { type RoomChange, reduceRoomView, roomViewFromSnapshot } from './roomView';
import { PUBLIC_KEY, settings } from './testing/fixtures';

function peer(id: string, joinedAt: number, name = id): PeerInfo {
  return {
    id,
    displayName: name,
    joinedAt,
    media: { audio: true, video: true, screen: false },
    capacity: {},
    connected: true,
    publicKey: PUBLIC_KEY,
  };
}

const A = 'peer-aaaa';
const B = 'peer-bbbb';
const C = 'peer-cccc';
const linkAB: RoomLink = { a: A, b: B, state: 'connected', rttMs: 3 };
const linkBC: RoomLink = { a: B, b: C, state: 'connecting', rttMs: null };

const snapshot: RoomSnapshot = {
  roomId: 'demo',
  settings: settings(),
  maxPeers: 16,
  peers: [peer(A, 1), peer(B, 2)],
  links: [linkAB],
};

describe('roomViewFromSnapshot', () => {
  it('copies the snapshot and freezes the view', () => {
    const view = roomViewFromSnapshot(snapshot, B);
    expect(view).toMatchObject({ roomId: 'demo', selfId: B, maxPeers: 16 });
    expect(view.peers.map((p) => p.id)).toEqual([A, B]);
    expect(view.peers).not.toBe(snapshot.peers);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view.peers)).toBe(true);
  });
});

describe('reduceRoomView', () => {
  const base = roomViewFromSnapshot(snapshot, A);

  const cases: Array<{
    name: string;
    change: RoomChange;
    peers: string[];
    links: RoomLink[];
    topology?: string;
  }> = [
    {
      name: 'peerJoined appends in join order',
      change: { type: 'peerJoined', peer: peer(C, 3) },
      peers: [A, B, C],
      links: [linkAB],
    },
    {
      name: 'peerJoined of a known peer (resume) replaces it in place',
      change: { type: 'peerJoined', peer: { ...peer(B, 2), connected: false } },
      peers: [A, B],
      links: [linkAB],
    },
    {
      name: 'peerUpdated replaces the peer',
      change: { type: 'peerUpdated', peer: peer(B, 2, 'Bea') },
      peers: [A, B],
      links: [linkAB],
    },
    {
      name: 'peerUpdated of an unknown peer inserts it by join time',
      change: { type: 'peerUpdated', peer: peer(C, 0) },
      peers: [C, A, B],
      links: [linkAB],
    },
    {
      name: 'peerLeft removes the peer and its links',
      change: { type: 'peerLeft', peerId: B },
      peers: [A],
      links: [],
    },
    {
      name: 'linksChanged replaces the links',
      change: { type: 'linksChanged', links: [linkAB, linkBC] },
      peers: [A, B],
      links: [linkAB, linkBC],
    },
    {
      name: 'settingsChanged replaces the settings',
      change: { type: 'settingsChanged', settings: settings({ topology: 'ring' }) },
      peers: [A, B],
      links: [linkAB],
      topology: 'ring',
    },
    {
      name: '[P15] settingsChanged of the host alone replaces the settings',
      change: { type: 'settingsChanged', settings: settings({ hostId: B }) },
      peers: [A, B],
      links: [linkAB],
    },
    {
      name: '[P15] settingsChanged of the lock alone replaces the settings',
      change: { type: 'settingsChanged', settings: settings({ locked: true }) },
      peers: [A, B],
      links: [linkAB],
    },
    {
      name: '[P25] settingsChanged of the lobby alone replaces the settings',
      change: { type: 'settingsChanged', settings: settings({ lobby: true }) },
      peers: [A, B],
      links: [linkAB],
    },
    {
      name: '[P15] settingsChanged of the policy or password alone replaces the settings',
      change: {
        type: 'settingsChanged',
        settings: settings({ controlPolicy: 'host', passwordProtected: true }),
      },
      peers: [A, B],
      links: [linkAB],
    },
  ];

  it.each(cases)('$name', ({ change, peers, links, topology }) => {
    const before = JSON.stringify(base);
    const next = reduceRoomView(base, change);
    expect(next).not.toBe(base);
    expect(JSON.stringify(base)).toBe(before); // input untouched
    expect(next.peers.map((p) => p.id)).toEqual(peers);
    expect(next.links).toEqual(links);
    expect(next.settings.topology).toBe(topology ?? 'mesh');
    expect(Object.isFrozen(next)).toBe(true);
    expect(Object.isFrozen(next.peers)).toBe(true);
  });

  it('[P28] a new automatic pick or reason alone replaces the settings; the same one does not', () => {
    const auto = (topology: 'mesh' | 'star', reason: 'small' | 'large' | 'limited') =>
      settings({
        topology: 'auto',
        auto: {
          topology,
          reason,
          limitedPeer: reason === 'limited' ? B : null,
          limit: reason === 'limited' ? 'cpu' : null,
          hub: topology === 'star' ? 'peer' : null,
        },
      });
    const mesh = reduceRoomView(base, { type: 'settingsChanged', settings: auto('mesh', 'small') });
    const star = reduceRoomView(mesh, { type: 'settingsChanged', settings: auto('star', 'large') });
    expect(star).not.toBe(mesh);
    expect(star.settings.auto).toMatchObject({ topology: 'star', reason: 'large' });
    const limited = reduceRoomView(star, {
      type: 'settingsChanged',
      settings: auto('star', 'limited'),
    });
    expect(limited.settings.auto).toMatchObject({
      reason: 'limited',
      limitedPeer: B,
      limit: 'cpu',
    });
    expect(
      reduceRoomView(limited, { type: 'settingsChanged', settings: auto('star', 'limited') }),
    ).toBe(limited);
  });

  it('peerUpdated keeps the new info', () => {
    const next = reduceRoomView(base, { type: 'peerUpdated', peer: peer(B, 2, 'Bea') });
    expect(next.peers[1]?.displayName).toBe('Bea');
  });

  it.each<RoomChange>([
    { type: 'peerLeft', peerId: C },
    { type: 'settingsChanged', settings: settings() },
  ])('returns the same view when $type changes nothing', (change) => {
    expect(reduceRoomView(base, change)).toBe(base);
  });
});
