import type { PeerPlan } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { unlinkedPeers } from './unlinkedPeers';

const plan = (self: string, order: string[], linked: string[]): PeerPlan =>
  ({
    version: 1,
    topology: 'star',
    hub: null,
    self,
    order,
    edges: [],
    links: linked.map((peer) => ({ peer, epoch: 1, offerer: true, polite: false })),
    receive: [],
    forward: [],
    proof: '',
  }) as unknown as PeerPlan;

describe('unlinkedPeers', () => {
  it.each([
    ['no plan yet', null, []],
    ['a full mesh: everyone is linked', plan('a', ['a', 'b', 'c'], ['b', 'c']), []],
    ['a leaf of a star through the server', plan('b', ['hub', 'a', 'b', 'c'], ['hub']), ['a', 'c']],
    ['the star hub itself', plan('hub', ['hub', 'a', 'b'], ['a', 'b']), []],
    ['a ring of five', plan('a', ['a', 'b', 'c', 'd', 'e'], ['b', 'e']), ['c', 'd']],
    ['an idle media server outside the graph', plan('s', ['a', 'b'], []), ['a', 'b']],
  ] as const)('[P33] %s', (_name, given, expected) => {
    expect(unlinkedPeers(given)).toEqual(expected);
  });
});
