import { TOPOLOGIES } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { id, ids, keysOf, linked, SIZES } from './fixtures';
import { buildLinkGraph } from './graph';
import { linkKey } from './linkKey';
import type { LinkGraph } from './types';

const NONE = new Set<string>();

function degree(graph: LinkGraph, peer: string): number {
  return graph.adjacency.get(peer)?.length ?? 0;
}

describe('buildLinkGraph', () => {
  it.each(SIZES)('[R3] mesh of %i links every pair once', (n) => {
    const graph = buildLinkGraph('mesh', ids(n), null, NONE);
    expect(graph.edges).toHaveLength((n * (n - 1)) / 2);
    for (const a of ids(n)) expect(degree(graph, a)).toBe(n - 1);
  });

  it.each(SIZES)('[R4] star of %i links the hub to every other peer and nothing else', (n) => {
    const hub = id(Math.floor(n / 2));
    const graph = buildLinkGraph('star', ids(n), hub, NONE);
    expect(graph.edges).toHaveLength(n - 1);
    expect(degree(graph, hub)).toBe(n - 1);
    for (const leaf of ids(n).filter((p) => p !== hub)) {
      expect(graph.adjacency.get(leaf)).toEqual([hub]);
    }
  });

  it.each(SIZES)('[R5] ring of %i links each peer to its join-order neighbours', (n) => {
    const order = ids(n);
    const graph = buildLinkGraph('ring', order, null, NONE);
    expect(graph.edges).toHaveLength(n < 3 ? n - 1 : n);
    order.forEach((peer, i) => {
      expect(degree(graph, peer)).toBeLessThanOrEqual(2);
      if (n >= 2) expect(linked(graph, peer, id((i + 1) % n))).toBe(true);
    });
  });

  it('[R5] ring of 2 is one link and ring of 3 equals the mesh', () => {
    expect(buildLinkGraph('ring', ids(2), null, NONE).edges).toEqual([[id(0), id(1)]]);
    const ring3 = buildLinkGraph('ring', ids(3), null, NONE);
    expect(ring3).toEqual(buildLinkGraph('mesh', ids(3), null, NONE));
  });

  it.each(SIZES.filter((n) => n >= 4))('[R5] ring of %i heals around a leaving peer', (n) => {
    for (let gone = 0; gone < n; gone++) {
      const order = ids(n).filter((_, i) => i !== gone);
      const graph = buildLinkGraph('ring', order, null, NONE);
      const before = id((gone + n - 1) % n);
      const after = id((gone + 1) % n);
      expect(linked(graph, before, after)).toBe(true);
      expect(graph.edges).toHaveLength(n - 1 < 3 ? n - 2 : n - 1);
    }
  });

  it.each(TOPOLOGIES)(
    '[R8] %s adjacency and edges follow join order, earlier joiner first',
    (t) => {
      const order = ids(9);
      const rank = (p: string) => order.indexOf(p);
      const graph = buildLinkGraph(t, order, id(4), new Set([linkKey(id(0), id(1))]));
      expect(graph.order).toEqual(order);
      for (const [a, b] of graph.edges) expect(rank(a)).toBeLessThan(rank(b));
      const edgeRanks = graph.edges.map(([a, b]) => rank(a) * 100 + rank(b));
      expect(edgeRanks).toEqual([...edgeRanks].sort((x, y) => x - y));
      for (const peer of order) {
        const ranks = (graph.adjacency.get(peer) ?? []).map(rank);
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      }
    },
  );

  it('[R7] a failed mesh link is removed and nothing is bridged', () => {
    const failed = new Set([linkKey(id(0), id(2))]);
    const graph = buildLinkGraph('mesh', ids(4), null, failed);
    expect(linked(graph, id(0), id(2))).toBe(false);
    expect(graph.edges).toHaveLength(5);
  });

  it('[R7] a failed hub-leaf link in a star is bridged by the first surviving pair', () => {
    // Hub is the first joiner; its link to the fourth fails. Pair (0,3) is failed, so the
    // first pair in join order that joins the two parts is (1,3).
    const failed = new Set([linkKey(id(0), id(3))]);
    const graph = buildLinkGraph('star', ids(5), id(0), failed);
    expect(linked(graph, id(0), id(3))).toBe(false);
    expect(graph.edges).toEqual([
      [id(0), id(1)],
      [id(0), id(2)],
      [id(0), id(4)],
      [id(1), id(3)],
    ]);
  });

  it('[R7] a ring cut twice is bridged back into one piece', () => {
    const order = ids(8);
    const failed = new Set([linkKey(id(1), id(2)), linkKey(id(5), id(6))]);
    const graph = buildLinkGraph('ring', order, null, failed);
    // {2,3,4,5} is cut off; the first surviving pair joining it to the rest is (0,2).
    expect(keysOf(graph)).toContain(linkKey(id(0), id(2)));
    expect(graph.edges).toHaveLength(7);
  });

  it('[R7] a peer whose every possible link failed stays alone and nothing else changes', () => {
    const order = ids(3);
    const failed = new Set([linkKey(id(2), id(0)), linkKey(id(2), id(1))]);
    const graph = buildLinkGraph('mesh', order, null, failed);
    expect(graph.adjacency.get(id(2))).toEqual([]);
    expect(graph.edges).toEqual([[id(0), id(1)]]);
  });

  it('[R7] failures naming absent peers are ignored', () => {
    const failed = new Set([linkKey(id(0), 'gone-peer-1'), 'not-a-key']);
    expect(buildLinkGraph('ring', ids(5), null, failed)).toEqual(
      buildLinkGraph('ring', ids(5), null, NONE),
    );
  });

  it('[R1] throws on a duplicate peer or a star hub that is not in the room', () => {
    expect(() => buildLinkGraph('mesh', [id(0), id(1), id(0)], null, NONE)).toThrow(RangeError);
    expect(() => buildLinkGraph('star', ids(3), null, NONE)).toThrow(RangeError);
    expect(() => buildLinkGraph('star', ids(3), 'gone-peer-1', NONE)).toThrow(RangeError);
    expect(buildLinkGraph('star', [], null, NONE).edges).toEqual([]);
  });
});
