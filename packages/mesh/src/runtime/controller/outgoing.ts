import type { PeerId, StreamKey, TrackKind } from '@meshwork/protocol';
import type { OutgoingTrack } from '../forwarding';
import type { TrackIdentity } from '../manifest';

/** A track to put on a link's sender, with the identity its manifest names. */
export interface ResolvedSource<Track> {
  identity: TrackIdentity;
  track: Track;
}

/** Where the tracks a forwarding decision names come from. */
export interface TrackLookup<Track> {
  /** This peer's live track of (key, kind). */
  local(key: StreamKey, kind: TrackKind): Track | undefined;
  /** The track of `identity` arriving on the link to `from`. */
  relayed(from: PeerId, identity: TrackIdentity): Track | undefined;
}

/**
 * Turns the forwarding decision into the tracks each link sends. A source that has no track
 * (a local stream just stopped, a link just closed) is left out rather than sent empty: the next
 * reconcile brings it back once it exists.
 */
export function resolveOutgoing<Track>(
  outgoing: ReadonlyMap<PeerId, readonly OutgoingTrack[]>,
  lookup: TrackLookup<Track>,
): Map<PeerId, ResolvedSource<Track>[]> {
  const result = new Map<PeerId, ResolvedSource<Track>[]>();
  for (const [peer, tracks] of outgoing) {
    const sources: ResolvedSource<Track>[] = [];
    for (const out of tracks) {
      const identity = { origin: out.origin, key: out.key, kind: out.kind };
      const track =
        out.from === null ? lookup.local(out.key, out.kind) : lookup.relayed(out.from, identity);
      if (track !== undefined) sources.push({ identity, track });
    }
    result.set(peer, sources);
  }
  return result;
}
