import {
  idlePlan,
  type LinkGraph,
  type LinkKey,
  linkKey,
  peerPlan,
  type RoomPlan,
  routeTrees,
} from '@meshwork/mesh/plan';
import type { PeerId, PeerPlan, Topology } from '@meshwork/protocol';

/**
 * A plan as the registry keeps it: only the room-wide parts. Each peer's `PeerPlan` is derived
 * when it is sent (`planOf`), so the registry holds no per-peer copy of the room's graph.
 */
export interface StoredPlan {
  version: number;
  topology: Topology;
  hub: PeerId | null;
  graph: LinkGraph;
  /** Peers the plan routes around: they relay nothing (SPEC [P22]). */
  away: ReadonlySet<PeerId>;
  /** Links in the graph that carry no route yet (SPEC [P22]). */
  trial: ReadonlySet<LinkKey>;
  /** Epoch of every link in the graph. */
  epochs: ReadonlyMap<LinkKey, number>;
  /**
   * Epochs of each peer's links, index for index with `graph.adjacency`, so relaying a signal
   * checks its link without building a key.
   */
  neighbourEpochs: ReadonlyMap<PeerId, readonly number[]>;
  /** The server's HMAC over room and version, carried by every `PeerPlan` (SPEC [P16]). */
  proof: string;
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
  const { version, topology, hub, graph, epochs, away, trial } = plan;
  return { version, topology, hub, graph, away, trial, epochs, neighbourEpochs, proof };
}

/** What `self` is told under a stored plan (routes are recomputed; they are cheap and pure). */
export function planOf(plan: StoredPlan, self: PeerId): PeerPlan {
  const room = { ...plan, trees: routeTrees(plan.graph, plan.away, plan.trial) };
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
  const x = a?.graph.edges ?? [];
  const y = b?.graph.edges ?? [];
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
  const key = linkKey(a, b);
  return room.committed?.epochs.has(key) === true || room.pending?.epochs.has(key) === true;
}
