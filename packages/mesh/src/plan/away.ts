import type { PeerId, Topology } from '@meshwork/protocol';
import { graphOf } from './edgeSet';
import { linkKey } from './linkKey';
import type { LinkGraph, LinkKey } from './types';

/**
 * The graph of the present peers with each away peer attached as a leaf ([R15]): in a mesh to
 * every present peer, in a star to the hub, in a ring to the nearest present peers before and
 * after it in join order (its old neighbours while they are present). Failed links are not
 * attached. The result keeps join order in `order`, each adjacency list and `edges` ([R8]).
 */
export function attachAway(
  present: LinkGraph,
  topology: Topology,
  order: readonly PeerId[],
  away: ReadonlySet<PeerId>,
  hub: PeerId | null,
  failed: ReadonlySet<LinkKey>,
): LinkGraph {
  const rank = new Map(order.map((id, i) => [id, i]));
  const keys = new Set(present.edges.map(([a, b]) => linkKey(a, b)));
  const here = present.order;
  const add = (a: PeerId, b: PeerId): void => {
    const key = linkKey(a, b);
    if (!failed.has(key)) keys.add(key);
  };
  for (const id of order) {
    if (!away.has(id) || here.length === 0) continue;
    if (topology === 'mesh') for (const p of here) add(id, p);
    else if (topology === 'star') add(id, hub ?? (here[0] as PeerId));
    else {
      const at = rank.get(id) ?? 0;
      const before = [...here].reverse().find((p) => (rank.get(p) ?? 0) < at) ?? here.at(-1);
      const after = here.find((p) => (rank.get(p) ?? 0) > at) ?? here[0];
      if (before !== undefined) add(id, before);
      if (after !== undefined && after !== before) add(id, after);
    }
  }
  return graphOf(order, keys);
}
