import type { PeerId } from '@meshwork/protocol';
import type { TrackIdentity } from '../manifest';
import type { LinkStatus } from '../types';

/** The part of a link the arrival decision reads. */
export interface IncomingView {
  readonly status: LinkStatus;
  readonly incoming: ReadonlyMap<
    string,
    {
      readonly identity: TrackIdentity;
      readonly track: Pick<MediaStreamTrack, 'readyState' | 'muted'>;
      readonly decoded: boolean;
    }
  >;
}

/** Per link, the remote tracks it delivers (`available`) and those only named (`announced`). */
export interface IncomingTracks {
  available: Map<PeerId, TrackIdentity[]>;
  announced: Map<PeerId, TrackIdentity[]>;
}

/**
 * Per link, the remote tracks it delivers: `available` ones have arrived (link connected,
 * named, live, unmuted and decoding), `announced` ones are named there but not decoding yet.
 * A track only announced shows nothing: a new sender's first frame needs a keyframe, so
 * preferring it to a route that decodes would freeze the tile. A link to a peer the newest plan
 * no longer has (`order`, when known) delivers nothing: its peer left, so what it still shows is
 * going away.
 */
export function incomingTracks(
  links: Iterable<readonly [PeerId, IncomingView]>,
  order: readonly PeerId[],
): IncomingTracks {
  const available = new Map<PeerId, TrackIdentity[]>();
  const announced = new Map<PeerId, TrackIdentity[]>();
  for (const [peer, link] of links) {
    if (link.status !== 'connected') continue;
    if (order.length > 0 && !order.includes(peer)) continue;
    const decoding: TrackIdentity[] = [];
    const waiting: TrackIdentity[] = [];
    for (const incoming of link.incoming.values()) {
      if (incoming.track.readyState !== 'live' || incoming.track.muted) continue;
      (incoming.decoded ? decoding : waiting).push(incoming.identity);
    }
    available.set(peer, decoding);
    announced.set(peer, waiting);
  }
  return { available, announced };
}
