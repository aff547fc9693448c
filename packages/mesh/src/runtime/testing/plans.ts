// Test support: hand-written PeerPlans for table tests. Not part of the package's export list.
import type { PeerId, PeerPlan, PlanForward, PlanLink, PlanRoute } from '@meshwork/protocol';

/** A plan for `self` with just the parts a test cares about. */
export function handPlan(
  self: PeerId,
  version: number,
  parts: { links?: PlanLink[]; receive?: PlanRoute[]; forward?: PlanForward[] },
): PeerPlan {
  return {
    version,
    topology: 'mesh',
    hub: null,
    self,
    order: [],
    edges: [],
    links: parts.links ?? [],
    receive: parts.receive ?? [],
    forward: parts.forward ?? [],
    proof: '',
  };
}
