import { TOPOLOGIES } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { expectExactRoutes, id, ids, pathTo, planFor, SIZES } from './fixtures';
import { buildLinkGraph } from './graph';
import { linkKey } from './linkKey';
import { routeTree, routeTrees } from './routes';

/** Longest route of a plan, in hops. */
function longestRoute(plan: ReturnType<typeof planFor>): number {
  let longest = 0;
  for (const [origin, tree] of plan.trees) {
    for (const receiver of plan.graph.order) {
      if (receiver === origin) continue;
      longest = Math.max(longest, (pathTo(tree, receiver)?.length ?? 0) - 1);
    }
  }
  return longest;
}

describe('routeTree', () => {
  describe.each(TOPOLOGIES)('%s', (topology) => {
    it.each(SIZES)(
      '[R9] N=%i: every ordered pair has exactly one shortest route along links',
      (n) => {
        const plan = planFor(topology, ids(n));
        expectExactRoutes(plan);
        for (const [, tree] of plan.trees) expect(tree.size).toBe(n);
      },
    );
  });

  it.each(SIZES)('[R3] mesh of %i routes every stream in one hop', (n) => {
    expect(longestRoute(planFor('mesh', ids(n)))).toBe(n > 1 ? 1 : 0);
  });

  it.each(SIZES)('[R4] star of %i routes every stream in at most two hops, via the hub', (n) => {
    const plan = planFor('star', ids(n));
    expect(longestRoute(plan)).toBe(Math.min(n - 1, 2));
    for (const [origin, tree] of plan.trees) {
      for (const receiver of plan.graph.order) {
        const path = pathTo(tree, receiver) ?? [];
        if (path.length === 3) expect(path[1]).toBe(plan.hub);
        expect(path.length > 0 || receiver === origin).toBe(true);
      }
    }
  });

  it.each(SIZES)('[R5] ring of %i takes the shorter arc, at most floor(N/2) hops', (n) => {
    const plan = planFor('ring', ids(n));
    expect(longestRoute(plan)).toBe(Math.floor(n / 2));
    plan.graph.order.forEach((origin, i) => {
      plan.graph.order.forEach((receiver, j) => {
        const arc = Math.min(Math.abs(i - j), n - Math.abs(i - j));
        expect((pathTo(plan.trees.get(origin) ?? new Map(), receiver)?.length ?? 0) - 1).toBe(arc);
      });
    });
  });

  it('[R9] breaks ties by join order: the antipode of a 4-ring is reached via the earlier neighbour', () => {
    const graph = buildLinkGraph('ring', ids(4), null, new Set());
    expect(pathTo(routeTree(graph, id(0)), id(2))).toEqual([id(0), id(1), id(2)]);
    expect(pathTo(routeTree(graph, id(3)), id(1))).toEqual([id(3), id(0), id(1)]);
  });

  it('[R7] a failed mesh link routes through a third peer', () => {
    const failed = new Set([linkKey(id(0), id(1))]);
    const graph = buildLinkGraph('mesh', ids(4), null, failed);
    expect(pathTo(routeTree(graph, id(0)), id(1))).toEqual([id(0), id(2), id(1)]);
    expect(pathTo(routeTree(graph, id(1)), id(0))).toEqual([id(1), id(2), id(0)]);
    expect(pathTo(routeTree(graph, id(0)), id(3))).toEqual([id(0), id(3)]);
  });

  it('[R9] leaves a peer with no surviving link out of every other tree', () => {
    const failed = new Set([linkKey(id(0), id(1))]);
    const graph = buildLinkGraph('mesh', ids(2), null, failed);
    expect([...routeTree(graph, id(0))]).toEqual([[id(0), null]]);
  });

  it('[R9] routeTrees has one tree per peer, in join order', () => {
    const graph = buildLinkGraph('ring', ids(6), null, new Set());
    const trees = routeTrees(graph);
    expect([...trees.keys()]).toEqual(ids(6));
    for (const origin of ids(6)) expect(trees.get(origin)).toEqual(routeTree(graph, origin));
  });

  it('[R1] throws for an origin that is not in the graph', () => {
    const graph = buildLinkGraph('mesh', ids(3), null, new Set());
    expect(() => routeTree(graph, 'gone-peer-1')).toThrow(RangeError);
  });
});
