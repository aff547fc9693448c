import type { PeerId, PeerPlan } from '@meshwork/protocol';

/**
 * The peers `plan` routes media among that it gives this peer no direct link to (SPEC [P33]):
 * their frame keys travel through the signal app's relay. A media server outside the graph is
 * not in `order`, so it is never among them. Pure.
 */
export function unlinkedPeers(plan: PeerPlan | null): PeerId[] {
  if (plan === null) return [];
  const linked = new Set(plan.links.map((link) => link.peer));
  return plan.order.filter((id) => id !== plan.self && !linked.has(id));
}
