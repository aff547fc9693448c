import type { PeerId, Topology } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { ids, keysOf, pathTo, peersOf } from './fixtures';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';
import type { RoomPlan } from './types';

function planAway(
  topology: Topology,
  order: readonly PeerId[],
  away: PeerId[],
  failed: string[] = [],
  hubPreference: PeerId | null = null,
): RoomPlan {
  return computeRoomPlan(
    {
      topology,
      peers: peersOf(order),
      hubPreference,
      failedLinks: new Set(failed),
      away: new Set(away),
    },
    1,
    new Map(),
  );
}

/** Every peer other than the origin and the receiver on each route. */
function relays(plan: RoomPlan): Set<PeerId> {
  const out = new Set<PeerId>();
  for (const [origin, tree] of plan.trees) {
    for (const to of tree.keys()) {
      const path = pathTo(tree, to) ?? [];
      for (const hop of path.slice(1, -1)) if (hop !== origin) out.add(hop);
    }
  }
  return out;
}

describe('away peers ([R15])', () => {
  const [a, b, c, d, e] = ids(5) as [PeerId, PeerId, PeerId, PeerId, PeerId];

  it('[R15] an away star hub is replaced by the next present peer; it stays a leaf of the new hub', () => {
    const plan = planAway('star', [a, b, c, d], [a]);
    expect(plan.hub).toBe(b);
    expect(keysOf(plan.graph)).toEqual([linkKey(a, b), linkKey(b, c), linkKey(b, d)].sort());
    expect(plan.peers.get(a)?.links.map((l) => l.peer)).toEqual([b]);
  });

  it('[R15] a preferred hub that is away is not the hub while away', () => {
    expect(planAway('star', [a, b, c], [c], [], c).hub).toBe(a);
  });

  it('[R15] a ring heals around an away relay and keeps its links to its old neighbours', () => {
    const plan = planAway('ring', [a, b, c, d, e], [c]);
    expect(keysOf(plan.graph)).toEqual(
      [
        linkKey(a, b),
        linkKey(b, d),
        linkKey(d, e),
        linkKey(a, e),
        linkKey(b, c),
        linkKey(c, d),
      ].sort(),
    );
    expect(relays(plan).has(c)).toBe(false);
    // Everyone still receives the away peer's streams, and it receives everyone's.
    for (const tree of plan.trees.values()) expect(tree.size).toBe(5);
  });

  it('[R15] a mesh keeps every link of an away peer but never routes through it', () => {
    const plan = planAway('mesh', [a, b, c, d], [b], [linkKey(a, c)]);
    expect(keysOf(plan.graph)).toContain(linkKey(a, b));
    expect(relays(plan).has(b)).toBe(false);
    expect(pathTo(plan.trees.get(a) as never, c)).toEqual([a, d, c]);
  });

  it('[R15] away peers never relay in any topology, and everyone present stays reachable', () => {
    const order = ids(7);
    for (const topology of ['mesh', 'star', 'ring'] as const) {
      for (let i = 0; i < order.length; i++) {
        const away = [order[i] as PeerId, order[(i + 3) % order.length] as PeerId];
        const plan = planAway(topology, order, away);
        for (const hop of away) expect(relays(plan).has(hop), `${topology} ${hop}`).toBe(false);
        expect(away).not.toContain(plan.hub);
        for (const tree of plan.trees.values()) expect(tree.size).toBe(7);
      }
    }
  });

  it('[R15] with everyone away, or nobody, the plan is the plain one', () => {
    const plain = planAway('star', [a, b, c], []);
    expect(planAway('star', [a, b, c], [a, b, c])).toEqual(plain);
    expect(plain.hub).toBe(a);
  });
});
