import { carriesKind, type PeerId, type PeerPlan } from '@meshwork/protocol';
import { type TrackIdentity, trackKey } from './manifest';

/** The link a remote track is taken from, and the path the plan says it travelled. */
export interface ReceiveChoice extends TrackIdentity {
  from: PeerId;
  path: readonly PeerId[];
}

/**
 * Which link each remote track is shown from: a route naming a `kind` delivers only that kind
 * ([M27]). A newer plan's route wins once the track has
 * arrived (decodes) on it; until then the older plan's route keeps the tile fed. A track only
 * `announced` (named, not decoding yet) is shown where no route delivers it at all, as on a
 * first plan or when the old route died: there is nothing to keep, and its first frame shows
 * as soon as it decodes.
 */
export function chooseReceive(
  plans: readonly PeerPlan[],
  available: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
  announced: ReadonlyMap<PeerId, readonly TrackIdentity[]> = new Map(),
): Map<string, ReceiveChoice> {
  const chosen = new Map<string, ReceiveChoice>();
  for (const tracks of [available, announced]) {
    for (const plan of plans) {
      for (const route of plan.receive) {
        for (const track of tracks.get(route.from) ?? []) {
          if (track.origin !== route.origin || !carriesKind(route, track.kind)) continue;
          const k = trackKey(track);
          if (!chosen.has(k)) chosen.set(k, { ...track, from: route.from, path: route.path });
        }
      }
    }
  }
  return chosen;
}

/**
 * Whether every origin `plan` routes to this peer arrives over its new route: the route's link
 * is connected and every track of the origin that any link names (`named`) has arrived on it,
 * so a stream is not half moved (audio over the new route, video still on the old). An origin
 * that sends nothing any link names counts once the link is connected: then the new route
 * delivers all the old ones did.
 */
export function isPlanReady(
  plan: PeerPlan,
  available: ReadonlyMap<PeerId, readonly TrackIdentity[]>,
  connected: ReadonlySet<PeerId>,
  named: readonly TrackIdentity[],
): boolean {
  return plan.receive.every((route) => {
    if (!connected.has(route.from)) return false;
    const arrived = new Set((available.get(route.from) ?? []).map(trackKey));
    return named.every(
      (t) => t.origin !== route.origin || !carriesKind(route, t.kind) || arrived.has(trackKey(t)),
    );
  });
}
