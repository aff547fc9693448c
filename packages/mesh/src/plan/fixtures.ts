// Shared test fixtures for the planner tests; not part of the package's export list.
import type { CapacityHints, PeerId, Topology } from '@meshwork/protocol';
import { expect } from 'vitest';
import { linkKey } from './linkKey';
import { computeRoomPlan } from './roomPlan';
import type { LinkGraph, LinkKey, PlanPeer, RoomPlan, RouteTree } from './types';

/**
 * Sixteen valid peer ids whose lexical order differs from their join order, so a planner that
 * confuses the two (link keys sort lexically, roles follow join order) fails the tests.
 */
export const IDS: readonly PeerId[] = [
  'kilo-peer',
  'alfa-peer',
  'whiskey-peer',
  'charlie-peer',
  'yankee-peer',
  'echo-peer',
  'tango-peer',
  'golf-peer',
  'romeo-peer',
  'india-peer',
  'papa-peer',
  'bravo-peer',
  'xray-peer',
  'delta-peer',
  'oscar-peer',
  'hotel-peer',
];

/** Room sizes every topology is checked at. */
export const SIZES: readonly number[] = IDS.map((_, i) => i + 1);

/** The first `n` fixture ids, in join order. */
export function ids(n: number): PeerId[] {
  return IDS.slice(0, n);
}

/** The id at join index `i`, failing loudly when a test asks past the fixture. */
export function id(i: number): PeerId {
  const peer = IDS[i];
  if (peer === undefined) throw new RangeError(`No fixture peer at index ${i}`);
  return peer;
}

/** Plan peers for `order`, joined one second apart, with optional capacity per index. */
export function peersOf(
  order: readonly PeerId[],
  capacity: (i: number) => CapacityHints = () => ({}),
): PlanPeer[] {
  return order.map((peer, i) => ({ id: peer, joinedAt: 1_000 + i * 1_000, capacity: capacity(i) }));
}

/** A plan for `topology` over `order` with the given failures and no history. */
export function planFor(
  topology: Topology,
  order: readonly PeerId[],
  options: {
    failed?: Iterable<LinkKey>;
    hubPreference?: PeerId | null;
    version?: number;
    prev?: ReadonlyMap<LinkKey, number>;
  } = {},
): RoomPlan {
  return computeRoomPlan(
    {
      topology,
      peers: peersOf(order),
      hubPreference: options.hubPreference ?? null,
      failedLinks: new Set(options.failed ?? []),
    },
    options.version ?? 1,
    options.prev ?? new Map(),
  );
}

/** Sorted link keys of a graph, for set comparisons that ignore order. */
export function keysOf(graph: LinkGraph): LinkKey[] {
  return graph.edges.map(([a, b]) => linkKey(a, b)).sort();
}

/** The path from a tree's origin to `to`, or null when `to` is unreachable. */
export function pathTo(tree: RouteTree, to: PeerId): PeerId[] | null {
  if (!tree.has(to)) return null;
  const path: PeerId[] = [];
  const seen = new Set<PeerId>();
  for (let hop: PeerId | null = to; hop !== null; hop = tree.get(hop) ?? null) {
    // A cycle would make this loop forever; a test must fail instead.
    if (seen.has(hop)) throw new Error(`Route tree has a cycle through ${hop}`);
    seen.add(hop);
    path.push(hop);
  }
  return path.reverse();
}

/** Hop distances from `origin` by plain BFS over the graph, independent of the planner's trees. */
export function distances(graph: LinkGraph, origin: PeerId): Map<PeerId, number> {
  const dist = new Map<PeerId, number>([[origin, 0]]);
  const queue = [origin];
  while (queue.length > 0) {
    const node = queue.shift() as PeerId;
    for (const next of graph.adjacency.get(node) ?? []) {
      if (!dist.has(next)) {
        dist.set(next, (dist.get(node) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  return dist;
}

/** Whether `a` and `b` are linked in `graph`. */
export function linked(graph: LinkGraph, a: PeerId, b: PeerId): boolean {
  return graph.adjacency.get(a)?.includes(b) ?? false;
}

/**
 * [R9] Every ordered pair of peers connected in the graph has exactly one route: it starts at
 * the origin, ends at the receiver, follows links, repeats no peer and is a shortest path.
 */
export function expectExactRoutes(plan: RoomPlan): void {
  const { graph, trees } = plan;
  expect([...trees.keys()]).toEqual(graph.order);
  for (const origin of graph.order) {
    const tree = trees.get(origin);
    if (tree === undefined) throw new Error(`No tree for ${origin}`);
    const dist = distances(graph, origin);
    expect(new Set(tree.keys())).toEqual(new Set(dist.keys()));
    expect(tree.get(origin)).toBeNull();
    for (const receiver of graph.order) {
      const path = pathTo(tree, receiver);
      if (!dist.has(receiver)) {
        expect(path).toBeNull();
        continue;
      }
      expect(path?.[0]).toBe(origin);
      expect(path?.at(-1)).toBe(receiver);
      expect(new Set(path).size).toBe(path?.length);
      expect((path?.length ?? 0) - 1).toBe(dist.get(receiver));
      for (let i = 1; i < (path?.length ?? 0); i++) {
        expect(linked(graph, path?.[i - 1] ?? '', path?.[i] ?? '')).toBe(true);
      }
    }
  }
}

/** [R10] Both ends of every link agree on its epoch, and the earlier joiner offers, impolitely. */
export function expectConsistentRoles(plan: RoomPlan): void {
  const rank = new Map(plan.graph.order.map((p, i) => [p, i]));
  for (const [a, b] of plan.graph.edges) {
    const fromA = plan.peers.get(a)?.links.find((l) => l.peer === b);
    const fromB = plan.peers.get(b)?.links.find((l) => l.peer === a);
    expect(fromA).toBeDefined();
    expect(fromB).toBeDefined();
    expect(fromA?.epoch).toBe(fromB?.epoch);
    expect(fromA?.epoch).toBe(plan.epochs.get(linkKey(a, b)));
    const aFirst = (rank.get(a) ?? 0) < (rank.get(b) ?? 0);
    expect(fromA).toMatchObject({ offerer: aFirst, polite: !aFirst });
    expect(fromB).toMatchObject({ offerer: !aFirst, polite: aFirst });
  }
  for (const [self, mine] of plan.peers) {
    expect(mine.links.map((l) => l.peer)).toEqual(plan.graph.adjacency.get(self));
  }
}

/**
 * [R11] [R12] Each peer receives every other reachable origin once, along its tree path; and A
 * forwards o to B exactly when B receives o from A, taking it from the link A receives o on.
 */
export function expectAgreeingTables(plan: RoomPlan): void {
  const sends = new Set<string>();
  for (const [self, mine] of plan.peers) {
    const reachable = plan.graph.order.filter((o) => o !== self && plan.trees.get(o)?.has(self));
    expect(mine.receive.map((r) => r.origin)).toEqual(reachable);
    const holds = new Set(mine.links.map((l) => l.peer));
    for (const route of mine.receive) {
      expect(route.path).toEqual(pathTo(plan.trees.get(route.origin) ?? new Map(), self));
      expect(route.path.at(-2)).toBe(route.from);
      expect(holds.has(route.from)).toBe(true);
    }
    for (const rule of mine.forward) {
      expect(holds.has(rule.to)).toBe(true);
      const inbound = mine.receive.find((r) => r.origin === rule.origin);
      expect(rule.from).toBe(rule.origin === self ? null : (inbound?.from ?? 'missing'));
      const key = `${rule.origin}:${self}>${rule.to}`;
      expect(sends.has(key)).toBe(false);
      sends.add(key);
    }
  }
  const receives = new Set<string>();
  for (const [self, mine] of plan.peers) {
    for (const route of mine.receive) receives.add(`${route.origin}:${route.from}>${self}`);
  }
  expect(sends).toEqual(receives);
}

/** A graph over `order` holding exactly the links in `keys`, built without the planner. */
export function graphOf(order: readonly PeerId[], keys: Iterable<LinkKey>): LinkGraph {
  const wanted = new Set(keys);
  const edges = order.flatMap((a, i) =>
    order.slice(i + 1).flatMap((b) => (wanted.has(linkKey(a, b)) ? [[a, b] as const] : [])),
  );
  const adjacency = new Map(
    order.map((p) => [p, order.filter((q) => q !== p && wanted.has(linkKey(p, q)))]),
  );
  return { order, adjacency, edges };
}

/** Every possible link key over `order`, in join order. */
export function allPairs(order: readonly PeerId[]): LinkKey[] {
  return order.flatMap((a, i) => order.slice(i + 1).map((b) => linkKey(a, b)));
}
