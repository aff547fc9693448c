import {
  idlePlan,
  type LinkGraph,
  type LinkKey,
  linkKey,
  parseLinkKey,
  peerPlan,
  type RoomPlan,
  routeTrees,
} from '@meshwork/mesh/plan';
import type { PeerId, PeerPlan, Topology } from '@meshwork/protocol';

/**
 * A plan as the registry keeps it: only the room-wide parts. Each peer's `PeerPlan` is derived
 * when it is sent (`planOf`), so the registry holds no per-peer copy of the room's graph. Link
 * epochs are kept once, beside each peer's neighbours, not in a map keyed by link: a full mesh
 * has a link per pair, and a key string per link would cost more than the rest of the plan.
 */
export interface StoredPlan {
  version: number;
  topology: Topology;
  hub: PeerId | null;
  /** The graph without its edge list (`edgesOf` lists the edges again from the adjacency). */
  graph: StoredGraph;
  /** Peers the plan routes around: they relay nothing (SPEC [P22]). */
  away: ReadonlySet<PeerId>;
  /** Links in the graph that carry no route yet (SPEC [P22]). */
  trial: ReadonlySet<LinkKey>;
  /**
   * Epochs of each peer's links, index for index with `graph.adjacency` (`epochsOf` gives them
   * by link), so relaying a signal checks its link without building a key.
   */
  neighbourEpochs: ReadonlyMap<PeerId, readonly number[]>;
  /** The server's HMAC over room and version, carried by every `PeerPlan` (SPEC [P16]). */
  proof: string;
}

/** A link graph as a stored plan keeps it: peers in join order and each one's neighbours. */
export type StoredGraph = Pick<LinkGraph, 'order' | 'adjacency'>;

/**
 * Every edge of a graph once, earlier joiner first, sorted by join order: `LinkGraph.edges`,
 * listed again from the adjacency (whose lists are in join order).
 */
export function edgesOf(graph: StoredGraph | undefined): Array<readonly [PeerId, PeerId]> {
  if (graph === undefined) return [];
  const rank = new Map(graph.order.map((id, i) => [id, i]));
  const edges: Array<readonly [PeerId, PeerId]> = [];
  graph.order.forEach((self, i) => {
    const later = (graph.adjacency.get(self) ?? []).filter((peer) => (rank.get(peer) ?? -1) > i);
    later.sort((p, q) => (rank.get(p) ?? 0) - (rank.get(q) ?? 0));
    for (const peer of later) edges.push([self, peer]);
  });
  return edges;
}

/** The room-wide parts of a plan, as the planner or a rebuild computes them. */
export type RoomWidePlan = Pick<
  RoomPlan,
  'version' | 'topology' | 'hub' | 'graph' | 'epochs' | 'away' | 'trial'
>;

/** Keeps the room-wide parts of a freshly computed plan, with its proof. */
export function storePlan(plan: RoomWidePlan, proof: string): StoredPlan {
  const neighbourEpochs = new Map<PeerId, number[]>();
  for (const [self, neighbours] of plan.graph.adjacency) {
    neighbourEpochs.set(
      self,
      neighbours.map((peer) => plan.epochs.get(linkKey(self, peer)) ?? -1),
    );
  }
  const { version, topology, hub, away, trial } = plan;
  // Copies of exact length: lists built by pushing keep spare room, for every peer of the room.
  const graph: StoredGraph = {
    order: plan.graph.order.slice(),
    adjacency: new Map([...plan.graph.adjacency].map(([id, peers]) => [id, peers.slice()])),
  };
  return { version, topology, hub, graph, away, trial, neighbourEpochs, proof };
}

/** Epoch of every link of a stored plan, by link. */
export function epochsOf(plan: StoredPlan): Map<LinkKey, number> {
  const epochs = new Map<LinkKey, number>();
  for (const [self, neighbours] of plan.graph.adjacency) {
    const own = plan.neighbourEpochs.get(self) ?? [];
    neighbours.forEach((peer, i) => {
      if (self < peer) epochs.set(linkKey(self, peer), own[i] ?? -1);
    });
  }
  return epochs;
}

/** Epochs of `self`'s own links, by link: all `peerPlan` reads of them. */
function ownEpochs(plan: StoredPlan, self: PeerId): Map<LinkKey, number> {
  const own = plan.neighbourEpochs.get(self) ?? [];
  const neighbours = plan.graph.adjacency.get(self) ?? [];
  return new Map(neighbours.map((peer, i) => [linkKey(self, peer), own[i] ?? -1]));
}

/** Whether the link `key` is in the plan's graph. */
export function hasLinkKey(plan: StoredPlan | null, key: LinkKey): boolean {
  if (plan === null) return false;
  const [a, b] = parseLinkKey(key);
  return plan.graph.adjacency.get(a)?.includes(b) === true;
}

/** What `self` is told under a stored plan (routes are recomputed; they are cheap and pure). */
export function planOf(plan: StoredPlan, self: PeerId): PeerPlan {
  const room = {
    ...plan,
    graph: { ...plan.graph, edges: edgesOf(plan.graph) },
    epochs: ownEpochs(plan, self),
    trees: routeTrees(plan.graph, plan.away, plan.trial),
  };
  // An idle media server is outside the graph ([R17] in packages/mesh/SPEC.md).
  const own = plan.graph.order.includes(self) ? peerPlan(room, self) : idlePlan(room, self);
  return { ...own, proof: plan.proof };
}

/** Whether `id` is the plan's hub or relays some other origin's streams under it (SPEC [P22]). */
export function carries(plan: StoredPlan | null, id: PeerId): boolean {
  if (plan === null) return false;
  if (plan.hub === id) return true;
  for (const [origin, tree] of routeTrees(plan.graph, plan.away, plan.trial)) {
    if (origin === id) continue;
    for (const parent of tree.values()) if (parent === id) return true;
  }
  return false;
}

/** A room's two plan slots (a `RoomState` is one): the committed plan and the one in flight. */
export interface PlanSlots {
  committed: StoredPlan | null;
  pending: StoredPlan | null;
}

/** The newest plan: pending if a change is in flight, else the committed one. */
export function latestPlan(room: PlanSlots): StoredPlan | null {
  return room.pending ?? room.committed;
}

/** Whether two plans' graphs have the same edges (edges come sorted, so index for index). */
export function sameEdges(a: StoredPlan | null, b: StoredPlan | null): boolean {
  const x = edgesOf(a?.graph);
  const y = edgesOf(b?.graph);
  return x.length === y.length && x.every(([p, q], i) => y[i]?.[0] === p && y[i]?.[1] === q);
}

function hasLink(plan: StoredPlan | null, a: PeerId, b: PeerId, epoch: number): boolean {
  if (plan === null) return false;
  const neighbours = plan.graph.adjacency.get(a);
  if (neighbours === undefined) return false;
  const at = neighbours.indexOf(b);
  return at !== -1 && plan.neighbourEpochs.get(a)?.[at] === epoch;
}

/** Whether `a` and `b` are linked with `epoch` in the committed or the pending plan. */
export function linkedWithEpoch(room: PlanSlots, a: PeerId, b: PeerId, epoch: number): boolean {
  if (a === b) return false;
  return hasLink(room.committed, a, b, epoch) || hasLink(room.pending, a, b, epoch);
}

/** Whether `a` and `b` are linked in the committed or the pending plan. */
export function linkedAtAll(room: PlanSlots, a: PeerId, b: PeerId): boolean {
  if (a === b) return false;
  const linked = (plan: StoredPlan | null) => plan?.graph.adjacency.get(a)?.includes(b) === true;
  return linked(room.committed) || linked(room.pending);
}
