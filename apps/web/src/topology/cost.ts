import { computeRoomPlan, type PlanPeer } from '@meshwork/mesh/plan';
import type { PeerId, PeerInfo, PeerPlan, Topology } from '@meshwork/protocol';

/** What a topology costs one person at the current room size. */
export interface TopologyCost {
  /** Streams this person sends: its own to each neighbour that needs it, plus relayed ones. */
  up: number;
  /** Streams this person receives (one per other peer). */
  down: number;
  /** Peer connections this person holds. */
  links: number;
  /** Hops from the farthest peer to this person. */
  maxHops: number;
  /** Other people's streams this person decodes and re-encodes. */
  relayed: number;
}

/** The numbers of one peer's plan. */
export function costOfPlan(plan: PeerPlan): TopologyCost {
  return {
    up: plan.forward.length,
    down: plan.receive.length,
    links: plan.links.length,
    maxHops: plan.receive.reduce((max, r) => Math.max(max, r.path.length - 1), 0),
    relayed: plan.forward.filter((f) => f.from !== null).length,
  };
}

/** Planner peers for the room's people, in join order. */
export function planPeers(
  peers: readonly Pick<PeerInfo, 'id' | 'joinedAt' | 'capacity'>[],
): PlanPeer[] {
  return [...peers]
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map(({ id, joinedAt, capacity }) => ({ id, joinedAt, capacity }));
}

/**
 * What `topology` would cost `self` in this room, computed with the same pure planner the
 * signal app uses (failed links are ignored: this is a preview of the healthy shape).
 */
export function previewCost(
  topology: Topology,
  peers: readonly Pick<PeerInfo, 'id' | 'joinedAt' | 'capacity'>[],
  self: PeerId,
  hubPreference: PeerId | null,
): TopologyCost {
  const plan = computeRoomPlan(
    { topology, peers: planPeers(peers), hubPreference, failedLinks: new Set() },
    0,
    new Map(),
  );
  const mine = plan.peers.get(self);
  return mine ? costOfPlan(mine) : { up: 0, down: 0, links: 0, maxHops: 0, relayed: 0 };
}
