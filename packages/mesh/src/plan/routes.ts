import type { PeerId } from '@meshwork/protocol';
import { linkKey } from './linkKey';
import type { LinkGraph, LinkKey, RouteTree } from './types';

const NO_PEERS: ReadonlySet<PeerId> = new Set();
const NO_LINKS: ReadonlySet<LinkKey> = new Set();

/**
 * Shortest-path tree of `origin` by breadth-first search, neighbours taken in join order. Peers
 * in `leaves` relay nothing ([R15]): they are reached but never expanded, unless they are the
 * origin. Links in `unrouted` (on trial, [R16]) carry no route.
 */
export function routeTree(
  graph: Pick<LinkGraph, 'order' | 'adjacency'>,
  origin: PeerId,
  leaves: ReadonlySet<PeerId> = NO_PEERS,
  unrouted: ReadonlySet<LinkKey> = NO_LINKS,
): RouteTree {
  if (!graph.adjacency.has(origin)) throw new RangeError(`Origin ${origin} is not in the graph`);
  const parent = new Map<PeerId, PeerId | null>([[origin, null]]);
  const queue: PeerId[] = [origin];
  // An index instead of shift() keeps the search linear.
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as PeerId;
    if (node !== origin && leaves.has(node)) continue;
    for (const next of graph.adjacency.get(node) ?? []) {
      if (parent.has(next) || (unrouted.size > 0 && unrouted.has(linkKey(node, next)))) continue;
      parent.set(next, node);
      queue.push(next);
    }
  }
  return parent;
}

/** Every peer's shortest-path tree, keyed by origin, in join order; `leaves` relay nothing. */
export function routeTrees<G extends Pick<LinkGraph, 'order' | 'adjacency'>>(
  graph: G,
  leaves: ReadonlySet<PeerId> = NO_PEERS,
  unrouted: ReadonlySet<LinkKey> = NO_LINKS,
): Map<PeerId, RouteTree> {
  return new Map(graph.order.map((origin) => [origin, routeTree(graph, origin, leaves, unrouted)]));
}
