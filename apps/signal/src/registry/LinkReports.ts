import { type LinkKey, linkKey } from '@meshwork/mesh/plan';
import type { PeerId } from '@meshwork/protocol';
import { linksChanged } from './effects';
import type { LinkHealing } from './LinkHealing';
import type { PlanCycle } from './PlanCycle';
import type { Reachability } from './Reachability';
import type { PeerState, RoomState } from './Room';
import { linkedAtAll } from './StoredPlan';
import type { LinkReports, Outcome } from './types';
import { shownLink } from './views';

/**
 * RTT-only changes go out at most this often per room (SPEC [P16]): RTTs move all the time, and
 * a broadcast per report would cost every peer a message per neighbour report.
 */
export const RTT_BROADCAST_MS = 5_000;

type Shown = ReturnType<typeof shownLink>;

function sameState(a: Shown, b: Shown): boolean {
  return (a === null) === (b === null) && a?.state === b?.state;
}

/**
 * Records what `peer` reports of its links; a link newly reported failed is routed around with
 * a new plan, a state change goes out as `linksChanged`, and an RTT-only change goes out with
 * the next broadcast, or on its own once `RTT_BROADCAST_MS` passed since the last one.
 */
export function reportLinks(
  room: RoomState,
  peer: PeerState,
  reports: LinkReports,
  plans: PlanCycle,
  now: number,
  reachability: Reachability,
  healing: LinkHealing,
): Outcome {
  let failedNow = false;
  let healedNow = false;
  // Each touched link as it stood before this batch, so a change undone within it is none.
  const before = new Map<LinkKey, ReturnType<typeof shownLink>>();
  for (const report of reports) {
    // Reports about peers the plans do not link are stale views of an older plan; skip them.
    if (!room.byId.has(report.peer)) continue;
    if (!linkedAtAll(room, peer.id, report.peer)) continue;
    const key = linkKey(peer.id, report.peer);
    if (!before.has(key)) before.set(key, shownLink(room, key));
    room.reports.set(key, { state: report.state, rttMs: report.rttMs ?? null });
    markEnd(room.downBy, key, peer.id, report.state === 'disconnected');
    markEnd(room.upBy, key, peer.id, report.state === 'connected');
    if (report.state === 'failed' && !room.failedLinks.has(key)) {
      room.failedLinks.add(key);
      healing.failed(room, key);
      failedNow = true;
    } else if (report.state === 'connected' && healing.connected(room, key)) {
      healedNow = true;
    }
  }
  for (const [key, shown] of before) {
    const after = shownLink(room, key);
    if (!sameState(shown, after)) room.linksDirty = true;
    else if (shown?.rttMs !== after?.rttMs) room.rttDirty = true;
  }
  if (room.rttDirty && now - room.linksSentAt >= RTT_BROADCAST_MS) room.linksDirty = true;
  if (room.linksDirty || failedNow) room.linksSentAt = now;
  const effects = failedNow || healedNow ? plans.replan(room) : linksChanged(room, null);
  effects.push(...reachability.review(room));
  return { ok: true, effects };
}

/** Notes whether `peer` is one of the ends whose last report of the link is in `ends`' state. */
function markEnd(ends: Map<LinkKey, Set<PeerId>>, key: LinkKey, peer: PeerId, is: boolean): void {
  const by = ends.get(key);
  if (is) {
    if (by) by.add(peer);
    else ends.set(key, new Set([peer]));
  } else if (by?.delete(peer) && by.size === 0) {
    ends.delete(key);
  }
}
