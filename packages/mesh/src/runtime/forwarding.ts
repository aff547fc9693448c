import {
  carriesData,
  carriesKind,
  type PeerId,
  type PeerPlan,
  type StreamKey,
  type TrackKind,
} from '@meshwork/protocol';
import { type TrackIdentity, trackKey } from './manifest';

/** A track to send on one link, and where it comes from: a local stream (null) or a link. */
export interface OutgoingTrack extends TrackIdentity {
  from: PeerId | null;
}

/** Everything the forwarding decision depends on. Pure data. */
export interface ForwardingInput {
  self: PeerId;
  /** Plans in force, newest first (the latest prepared, then the committed one). */
  plans: readonly PeerPlan[];
  /** Local tracks by stream key and kind. */
  local: ReadonlyArray<{ key: StreamKey; kind: TrackKind }>;
  /** Per link, the remote tracks that have arrived on it (link connected, named, decoding). */
  available: ReadonlyMap<PeerId, readonly TrackIdentity[]>;
  /**
   * Per link, tracks named on it while connected that have not decoded yet. One is relayed only
   * where no source of that track has arrived (a route that died, a first plan): the next link
   * then negotiates while this one still waits for its first keyframe.
   */
  announced?: ReadonlyMap<PeerId, readonly TrackIdentity[]>;
}

/**
 * What to send on each link. For every forward entry {origin, to, from} of every plan in force,
 * the origin's tracks (of the entry's `kind` only, when it names one) go to `to`, taken from the local streams (from = null) or from the link to
 * `from`. A newer plan's source wins over an older one's, but only for tracks that have arrived
 * on it: until then the old route keeps feeding the link (make before break).
 */
export function planForwarding(input: ForwardingInput): Map<PeerId, OutgoingTrack[]> {
  const chosen = new Map<PeerId, Map<string, OutgoingTrack>>();
  const none: ReadonlyMap<PeerId, readonly TrackIdentity[]> = new Map();
  // Sources that arrived first, newest plan first; then, where none has, announced ones.
  for (const relayed of [input.available, input.announced ?? none]) {
    for (const plan of input.plans) {
      for (const entry of plan.forward) {
        // Sending a peer its own streams back would be a loop; no valid plan asks it.
        if (entry.to === entry.origin) continue;
        const tracks: readonly TrackIdentity[] = (
          entry.from === null
            ? entry.origin === input.self
              ? input.local.map(({ key, kind }) => ({ origin: input.self, key, kind }))
              : []
            : (relayed.get(entry.from) ?? []).filter(
                (t) => t.origin === entry.origin && entry.origin !== input.self,
              )
        ).filter((t) => carriesKind(entry, t.kind)); // a hybrid rule names one kind ([M27])
        let out = chosen.get(entry.to);
        if (out === undefined) {
          out = new Map();
          chosen.set(entry.to, out);
        }
        for (const track of tracks) {
          const k = trackKey(track);
          if (!out.has(k)) out.set(k, { ...track, from: entry.from });
        }
      }
    }
  }
  const result = new Map<PeerId, OutgoingTrack[]>();
  for (const [to, out] of chosen) result.set(to, [...out.values()]);
  return result;
}

/**
 * Peers a data message of `origin` goes on to, having arrived from `from` (null: it is ours):
 * the `to` of every forward entry for `origin` in the plans in force that has a link, never back
 * to where it came from nor to its origin ([M14]).
 */
export function dataNextHops(
  plans: readonly PeerPlan[],
  origin: PeerId,
  from: PeerId | null,
  hasLink: (peer: PeerId) => boolean,
): PeerId[] {
  const hops = new Set<PeerId>();
  for (const plan of plans) {
    for (const f of plan.forward) {
      if (f.origin !== origin || !carriesData(f)) continue; // data follows one kind ([M27])
      if (f.to !== from && f.to !== origin && hasLink(f.to)) hops.add(f.to);
    }
  }
  return [...hops];
}

/**
 * Whether a data message of `origin` may arrive on the link to `from`: some plan in force routes
 * that origin's data to this peer through `from` (its receive route, the parent in the origin's
 * tree). Anything else is a neighbour speaking for an origin it does not carry ([M20]).
 */
export function dataArrivesFrom(plans: readonly PeerPlan[], origin: PeerId, from: PeerId): boolean {
  return plans.some((plan) =>
    plan.receive.some((r) => r.origin === origin && r.from === from && carriesData(r)),
  );
}
