import type { PeerId } from '@meshwork/protocol';
import type { LinkGraph, RouteTree } from './types';

/** Shortest-path tree of `origin` by breadth-first search, neighbours taken in join order. */
export function routeTree(graph: LinkGraph, origin: PeerId): RouteTree {
  if (!graph.adjacency.has(origin)) throw new RangeError(`Origin ${origin} is not in the graph`);
  const parent = new Map<PeerId, PeerId | null>([[origin, null]]);
  const queue: PeerId[] = [origin];
  // An index instead of shift() keeps the search linear.
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as PeerId;
    for (const next of graph.adjacency.get(node) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  return parent;
}

/** Every peer's shortest-path tree, keyed by origin, in join order. */
export function routeTrees(graph: LinkGraph): Map<PeerId, RouteTree> {
  return new Map(graph.order.map((origin) => [origin, routeTree(graph, origin)]));
}
