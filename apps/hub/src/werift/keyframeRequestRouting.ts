import {
  PictureLossIndication,
  type RtcpPacket,
  RtcpPayloadSpecificFeedback,
  type RTCPeerConnection as WeriftPeerConnection,
} from 'werift';

/** PSFB feedback message type of a Full Intra Request (RFC 5104); werift does not export it. */
export const FIR_FORMAT = 4;

/** The FCI of a Full Intra Request as werift parses it. */
interface FirFeedback {
  count: typeof FIR_FORMAT;
  fir: Array<{ ssrc: number }>;
}

/** What werift's RTP router hands RTCP to: a sender or a receiver, by SSRC. */
interface RtcpRecipient {
  readonly type?: string;
  handleRtcpPacket(packet: RtcpPacket): void;
}

/** The part of werift's RTP router that delivers RTCP. */
interface RtcpRouter {
  ssrcTable: Record<number, RtcpRecipient | undefined>;
  routeRtcp(packet: RtcpPacket): void;
}

/**
 * Delivers every keyframe request (PLI, FIR) to the sender of the stream it asks about. werift
 * looks a PLI's or FIR's recipient up by the *requester's* SSRC first and the media SSRC only when
 * that is unknown. A browser that sends video to the hub signs its feedback with the SSRC of its
 * own outgoing stream, which the hub has registered for its receiver of that stream: so the
 * request went to the receiver and was dropped, no forwarded picture was ever repaired, and a
 * receiver that missed the first keyframe decoded nothing from that origin for good. The media
 * source of a PLI is its media SSRC (RFC 4585, 6.3.1); of a FIR, the SSRC of each entry (RFC 5104,
 * 4.3.1: its media SSRC field is unused). Other RTCP keeps werift's routing.
 */
export function routeKeyframeRequestsToSenders(pc: WeriftPeerConnection): void {
  const router = (pc as unknown as { router: RtcpRouter }).router;
  const route = router.routeRtcp.bind(router);
  router.routeRtcp = (packet) => {
    const targets = keyframeTargets(packet);
    if (targets === null) {
      route(packet);
      return;
    }
    const senders = new Set<RtcpRecipient>();
    for (const ssrc of targets) {
      const recipient = router.ssrcTable[ssrc];
      if (recipient?.type === 'sender') senders.add(recipient);
    }
    if (senders.size === 0) {
      route(packet);
      return;
    }
    for (const sender of senders) sender.handleRtcpPacket(packet);
  };
}

/** The media SSRCs a keyframe request asks about, or null for any other RTCP. */
function keyframeTargets(packet: RtcpPacket): number[] | null {
  if (!(packet instanceof RtcpPayloadSpecificFeedback)) return null;
  const feedback = packet.feedback;
  if (feedback.count === PictureLossIndication.count) {
    return [(feedback as PictureLossIndication).mediaSsrc];
  }
  if (feedback.count === FIR_FORMAT)
    return (feedback as unknown as FirFeedback).fir.map((e) => e.ssrc);
  return null;
}
