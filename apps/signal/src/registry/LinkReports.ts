import { type LinkKey, linkKey } from '@meshwork/mesh/plan';
import { linksChanged } from './effects';
import type { PlanCycle } from './PlanCycle';
import type { PeerState, RoomState } from './Room';
import { linkedAtAll } from './StoredPlan';
import type { LinkReports, Outcome } from './types';
import { shownLink } from './views';

function sameShown(a: ReturnType<typeof shownLink>, b: ReturnType<typeof shownLink>): boolean {
  return a?.state === b?.state && a?.rttMs === b?.rttMs;
}

/**
 * Records what `peer` reports of its links; a link newly reported failed is routed around with
 * a new plan, any other change goes out as `linksChanged`.
 */
export function reportLinks(
  room: RoomState,
  peer: PeerState,
  reports: LinkReports,
  plans: PlanCycle,
): Outcome {
  let failedNow = false;
  // Each touched link as it stood before this batch, so a change undone within it is none.
  const before = new Map<LinkKey, ReturnType<typeof shownLink>>();
  for (const report of reports) {
    // Reports about peers the plans do not link are stale views of an older plan; skip them.
    if (!room.byId.has(report.peer)) continue;
    if (!linkedAtAll(room, peer.id, report.peer)) continue;
    const key = linkKey(peer.id, report.peer);
    if (!before.has(key)) before.set(key, shownLink(room, key));
    room.reports.set(key, { state: report.state, rttMs: report.rttMs ?? null });
    if (report.state === 'failed' && !room.failedLinks.has(key)) {
      room.failedLinks.add(key);
      failedNow = true;
    }
  }
  for (const [key, shown] of before) {
    if (!sameShown(shown, shownLink(room, key))) room.linksDirty = true;
  }
  return { ok: true, effects: failedNow ? plans.replan(room) : linksChanged(room, null) };
}
