import type { PeerId, PeerPlan, PlanForward, PlanLink, PlanRoute } from '@meshwork/protocol';
import { linkKey } from './linkKey';
import type { RoomPlan } from './types';

/**
 * What one peer is told under the room's plan: its links and roles, what it receives and forwards.
 * `proof` is the signal app's HMAC over room and version (SPEC [P16]); the planner knows neither
 * the room id nor the secret, so it is empty unless the caller passes it.
 */
export function peerPlan(room: Omit<RoomPlan, 'peers'>, self: PeerId, proof = ''): PeerPlan {
  const { graph } = room;
  const rank = new Map(graph.order.map((id, i) => [id, i]));
  const selfRank = rank.get(self);
  if (selfRank === undefined) throw new RangeError(`Peer ${self} is not in the plan`);

  const neighbours = graph.adjacency.get(self) ?? [];
  const links: PlanLink[] = neighbours.map((peer) => {
    const epoch = room.epochs.get(linkKey(self, peer));
    if (epoch === undefined) throw new RangeError(`Link ${self}-${peer} has no epoch`);
    // Join order is known to both ends before they speak, so both derive the same roles.
    const offerer = selfRank < (rank.get(peer) ?? -1);
    return { peer, epoch, offerer, polite: !offerer };
  });

  const receive: PlanRoute[] = [];
  const forward: PlanForward[] = [];
  for (const origin of graph.order) {
    const tree = room.trees.get(origin);
    if (tree === undefined || !tree.has(self)) continue;
    const parent = tree.get(self) ?? null;
    if (parent !== null) {
      const path: PeerId[] = [self];
      for (let hop: PeerId | null = parent; hop !== null; hop = tree.get(hop) ?? null)
        path.push(hop);
      receive.push({ origin, from: parent, path: path.reverse() });
    }
    for (const child of neighbours) {
      if (tree.get(child) === self) forward.push({ origin, to: child, from: parent });
    }
  }

  return {
    version: room.version,
    topology: room.topology,
    hub: room.hub,
    self,
    order: [...graph.order],
    edges: graph.edges.map(([a, b]) => [a, b]),
    links,
    receive,
    forward,
    proof,
  };
}

/** The plan of a peer left out of the graph (an idle media server, [R17]): no links, no routes. */
export function idlePlan(room: Omit<RoomPlan, 'peers'>, self: PeerId, proof = ''): PeerPlan {
  return {
    version: room.version,
    topology: room.topology,
    hub: room.hub,
    self,
    order: [...room.graph.order],
    edges: room.graph.edges.map(([a, b]) => [a, b]),
    links: [],
    receive: [],
    forward: [],
    proof,
  };
}
