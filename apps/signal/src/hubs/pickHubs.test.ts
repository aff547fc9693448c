import { describe, expect, it } from 'vitest';
import { type HubEntry, pickHubs } from './pickHubs';

const hub = (id: string, rooms: string[], streams = 0, connectedAt = 0): HubEntry => ({
  id,
  name: id,
  limits: { maxRooms: 2, maxStreams: 10 },
  load: { rooms, streams, cpuPercent: 0 },
  connectedAt,
});

describe('pickHubs', () => {
  it.each([
    ['fewest rooms first', [hub('a', ['r1']), hub('b', [])], ['b', 'a']],
    ['then fewest streams', [hub('a', [], 5), hub('b', [], 2)], ['b', 'a']],
    ['then the longest connected', [hub('a', [], 0, 9), hub('b', [], 0, 3)], ['b', 'a']],
    ['not a hub at its room limit', [hub('a', ['r1', 'r2']), hub('b', ['r3'])], ['b']],
    ['not a hub at its stream limit', [hub('a', [], 10), hub('b', [], 9)], ['b']],
    ['not a hub already in the room', [hub('a', ['room']), hub('b', ['x'])], ['b']],
    ['none when every hub is full', [hub('a', ['r1', 'r2'])], []],
  ])('[P24] %s', (_name, hubs, ids) => {
    expect(pickHubs(hubs, 'room').map((h) => h.id)).toEqual(ids);
  });
});
