import type { PeerId, PeerPlan } from '@meshwork/protocol';
import type { TrackIdentity } from '../manifest';
import { isPlanReady } from '../receiving';
import type { LinkStatus } from '../types';

/** The part of a link the readiness check reads. */
export interface ReadinessView {
  readonly status: LinkStatus;
  readonly incoming: ReadonlyMap<string, { readonly identity: TrackIdentity }>;
}

/** Tells, once per prepared version, when every route of its receive list delivers ([M12]). */
export class PlanReadiness {
  #readyVersion = -1;

  /** The version of `plan` if it has just become ready, else null (also when already told). */
  check(
    plan: PeerPlan | null,
    links: Iterable<readonly [PeerId, ReadinessView]>,
    available: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
  ): number | null {
    if (plan === null || plan.version <= this.#readyVersion) return null;
    const connected = new Set<PeerId>();
    const named = new Map<string, TrackIdentity>();
    for (const [peer, link] of links) {
      if (link.status === 'connected') connected.add(peer);
      for (const [key, incoming] of link.incoming) named.set(key, incoming.identity);
    }
    if (!isPlanReady(plan, available, connected, [...named.values()])) return null;
    this.#readyVersion = plan.version;
    return plan.version;
  }
}
