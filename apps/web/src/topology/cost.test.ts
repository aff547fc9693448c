import { describe, expect, it } from 'vitest';
import { ids, peer } from '../test/fakes';
import { countPeople, previewCost } from './cost';

// Five people; this person joined third, so Ana (first) is the elected star hub.
const five = [
  peer(ids.ana, 'Ana', 1),
  peer(ids.bo, 'Bo', 2),
  peer(ids.me, 'Me', 3),
  peer(ids.cy, 'Cy', 4),
  peer(ids.di, 'Di', 5),
];

describe('previewCost (pure planner, one person, N peers)', () => {
  it.each([
    {
      topology: 'mesh',
      self: ids.me,
      cost: { up: 4, down: 4, links: 4, maxHops: 1, relayed: 0, serverHub: false },
    },
    {
      topology: 'star',
      self: ids.me,
      cost: { up: 1, down: 4, links: 1, maxHops: 2, relayed: 0, serverHub: false },
    },
    {
      topology: 'star',
      self: ids.ana,
      cost: { up: 16, down: 4, links: 4, maxHops: 1, relayed: 12, serverHub: false },
    },
    {
      topology: 'ring',
      self: ids.me,
      cost: { up: 4, down: 4, links: 2, maxHops: 2, relayed: 2, serverHub: false },
    },
  ] as const)('$topology for $self with 5 peers', ({ topology, self, cost }) => {
    expect(previewCost(topology, five, self, null)).toEqual(cost);
  });

  it('[R17] elects the media server as hub like the signal app: people link only to it, nobody re-encodes', () => {
    const withServer = [
      ...five,
      {
        ...peer(ids.di, 'Server', 0),
        id: 'peer-server-001',
        capacity: { deviceClass: 'server' as const },
      },
    ];
    expect(previewCost('star', withServer, ids.me, null)).toEqual({
      up: 1,
      down: 5,
      links: 1,
      maxHops: 2,
      relayed: 0,
      serverHub: true,
    });
    // In a mesh the server idles: the five people link among themselves.
    expect(previewCost('mesh', withServer, ids.me, null)).toMatchObject({
      links: 4,
      serverHub: false,
    });
    // The header and the picker count people: the server is not one of them.
    expect(countPeople(withServer)).toBe(5);
    expect(countPeople(five)).toBe(5);
  });

  it('[P24] shows the load the media server reports when it is the hub, and none otherwise', () => {
    const hubLoad = { streams: 6, maxStreams: 400, cpuPercent: 12 };
    const withServer = [
      ...five,
      {
        ...peer(ids.di, 'Server', 0),
        id: 'peer-server-001',
        capacity: { deviceClass: 'server' as const, hubLoad },
      },
    ];
    expect(previewCost('star', withServer, ids.me, null).serverLoad).toEqual(hubLoad);
    expect(previewCost('mesh', withServer, ids.me, null).serverLoad).toBeUndefined();
    expect(previewCost('star', withServer, ids.me, ids.me).serverLoad).toBeUndefined();
  });

  it('follows the chosen hub', () => {
    expect(previewCost('star', five, ids.me, ids.me)).toMatchObject({
      links: 4,
      maxHops: 1,
      relayed: 12,
    });
  });

  it('costs nothing when alone', () => {
    expect(previewCost('mesh', [peer(ids.me, 'Me', 1)], ids.me, null)).toEqual({
      up: 0,
      down: 0,
      links: 0,
      maxHops: 0,
      relayed: 0,
      serverHub: false,
    });
  });

  it('a ring of 3 is the mesh', () => {
    const three = five.slice(0, 3);
    expect(previewCost('ring', three, ids.me, null)).toEqual(
      previewCost('mesh', three, ids.me, null),
    );
  });
});
