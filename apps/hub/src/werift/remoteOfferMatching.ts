import type { RTCPeerConnection as WeriftPeerConnection } from 'werift';

/** The part of werift's peer connection that pairs a remote m-line with a local transceiver. */
interface TransceiverMatching {
  findTransceiverForRemoteMedia(
    remoteMedia: unknown,
    index: number,
    associated: Set<unknown>,
  ): { mid?: string | null } | undefined;
}

/**
 * Stops werift from giving a new m-line of a remote offer to one of this end's own transceivers
 * that has no mid yet. JSEP (RFC 8829, 5.10) lets only a transceiver made by `addTrack` take such
 * an m-line; werift takes any unassociated one of the same kind. The mesh runtime adds every
 * transceiver with `addTransceiver(..., { direction: 'sendonly' })` and offers it itself, so when a
 * peer's offer of its own camera crossed the hub's not-yet-offered relay transceivers, werift paired
 * the two sendonly ends: the m-line was answered `inactive` and that peer's camera never reached
 * the hub, while the hub's manifest named the mid as the relayed origin. With this, a remote
 * m-line no transceiver has negotiated gets a new receiving transceiver, as in browsers, and the
 * hub's own transceivers wait for its next offer.
 */
export function matchRemoteOffersLikeBrowsers(pc: WeriftPeerConnection): void {
  const matching = pc as unknown as TransceiverMatching;
  const find = matching.findTransceiverForRemoteMedia.bind(pc);
  matching.findTransceiverForRemoteMedia = (remoteMedia, index, associated) => {
    const found = find(remoteMedia, index, associated);
    return found && found.mid == null ? undefined : found;
  };
}
