import type { PeerId } from '@meshwork/protocol';
import { linkKey } from './linkKey';
import type { LinkGraph, LinkKey } from './types';

/** The graph over `order` with exactly the links in `keys`, keeping join order everywhere ([R8]). */
export function graphOf(order: readonly PeerId[], keys: ReadonlySet<LinkKey>): LinkGraph {
  const neighbours = new Map<PeerId, PeerId[]>(order.map((id) => [id, []]));
  const edges: Array<readonly [PeerId, PeerId]> = [];
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const a = order[i] as PeerId;
      const b = order[j] as PeerId;
      if (!keys.has(linkKey(a, b))) continue;
      edges.push([a, b]);
      neighbours.get(a)?.push(b);
      neighbours.get(b)?.push(a);
    }
  }
  return { order: [...order], adjacency: neighbours, edges };
}

/** The link keys of a graph. */
export function keysOfGraph(graph: LinkGraph): Set<LinkKey> {
  return new Set(graph.edges.map(([a, b]) => linkKey(a, b)));
}
