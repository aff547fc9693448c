import { describe, expect, it } from 'vitest';
import { toRoomId } from './roomName';
import { parseRoute, roomPath } from './route';

describe('routes', () => {
  it.each([
    ['/', { page: 'home' }],
    ['/r/brave-otter-42', { page: 'room', roomId: 'brave-otter-42' }],
    ['/r/brave-otter-42/', { page: 'room', roomId: 'brave-otter-42' }],
    ['/r/', { page: 'home' }],
    ['/elsewhere', { page: 'home' }],
    ['/p2p', { page: 'p2p' }],
    ['/p2p/', { page: 'p2p' }],
    ['/r/brave-otter-42/watch', { page: 'watch', roomId: 'brave-otter-42' }],
    ['/r/brave-otter-42/other', { page: 'home' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('round-trips a room path', () => {
    expect(parseRoute(roomPath('calm-fox-7'))).toEqual({ page: 'room', roomId: 'calm-fox-7' });
  });
});

describe('typed room names', () => {
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
