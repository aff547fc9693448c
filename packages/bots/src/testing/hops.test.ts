import type { Topology } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { expectedHops } from './hops';

const ORDER = ['a', 'b', 'c', 'd', 'e'];

describe('expectedHops', () => {
  it.each<[Topology, string | null, string, string, number]>([
    ['mesh', null, 'a', 'e', 1],
    ['mesh', null, 'b', 'c', 1],
    ['star', 'c', 'c', 'a', 1],
    ['star', 'c', 'a', 'c', 1],
    ['star', 'c', 'a', 'b', 2],
    ['ring', null, 'a', 'b', 1],
    ['ring', null, 'a', 'c', 2],
    ['ring', null, 'a', 'd', 2],
    ['ring', null, 'a', 'e', 1],
    ['ring', null, 'e', 'b', 2],
  ])('%s (hub %s): %s -> %s takes %i hops', (topology, hub, origin, receiver, hops) => {
    expect(expectedHops(topology, ORDER, hub, origin, receiver)).toBe(hops);
  });
});
