import { RoomIdSchema } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { randomRoomName, toRoomId } from './roomName';
import { parseRoute, roomPath } from './route';

describe('routes', () => {
  it.each([
    ['/', { page: 'home' }],
    ['/r/brave-otter-42', { page: 'room', roomId: 'brave-otter-42' }],
    ['/r/brave-otter-42/', { page: 'room', roomId: 'brave-otter-42' }],
    ['/r/', { page: 'home' }],
    ['/elsewhere', { page: 'home' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('round-trips a room path', () => {
    expect(parseRoute(roomPath('calm-fox-7'))).toEqual({ page: 'room', roomId: 'calm-fox-7' });
  });
});

describe('room names', () => {
  it('makes readable names that the protocol accepts', () => {
    let seed = 0.1;
    const random = () => {
      seed = (seed * 9301 + 0.49297) % 1;
      return seed;
    };
    for (let i = 0; i < 50; i++) {
      const name = randomRoomName(random);
      expect(name).toMatch(/^[a-z]+-[a-z]+-\d{1,2}$/);
      expect(RoomIdSchema.safeParse(name).success).toBe(true);
    }
  });

  it.each([
    ['My Room!', 'my-room'],
    ['  team  sync  ', 'team-sync'],
    ['http://localhost:5173/r/brave-otter-42', 'brave-otter-42'],
    ['Café', 'cafe'],
    ['!!!', null],
  ])('%s -> %s', (input, id) => {
    expect(toRoomId(input)).toBe(id);
  });
});
