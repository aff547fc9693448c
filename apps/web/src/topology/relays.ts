import { type LinkGraph, routeTrees } from '@meshwork/mesh/plan';
import type { PeerId } from '@meshwork/protocol';

/**
 * Who relays whose video under this plan: for each relay, the origins whose streams it decodes
 * and re-encodes for someone else (`forwarders`, media hubs, re-encode nothing and are left out). Derived from the room's link graph with the planner's own
 * route trees, so it matches what every peer was told.
 */
export function relaysOf(
  plan: Pick<LinkGraph, 'order' | 'edges'>,
  forwarders: ReadonlySet<PeerId> = new Set(),
): Map<PeerId, PeerId[]> {
  // Adjacency from the plan's actual edges (failures and bridges included), neighbours in join
  // order as the planner takes them.
  const adjacency = new Map<PeerId, PeerId[]>(plan.order.map((id) => [id, []]));
  for (const [a, b] of plan.edges) {
    adjacency.get(a)?.push(b);
    adjacency.get(b)?.push(a);
  }
  const rank = new Map(plan.order.map((id, i) => [id, i]));
  for (const list of adjacency.values())
    list.sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0));
  const trees = routeTrees({ order: plan.order, adjacency, edges: plan.edges });

  const relays = new Map<PeerId, PeerId[]>();
  for (const [origin, tree] of trees) {
    for (const parent of tree.values()) {
      // A media hub forwards packets: it relays, but decodes and re-encodes nothing.
      if (parent === null || parent === origin || forwarders.has(parent)) continue;
      const list = relays.get(parent) ?? [];
      if (!list.includes(origin)) list.push(origin);
      relays.set(parent, list);
    }
  }
  return relays;
}
