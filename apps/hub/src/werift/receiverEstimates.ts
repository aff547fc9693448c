import {
  ReceiverEstimatedMaxBitrate,
  type RTCRtpReceiver,
  type RtcpPacket,
  RtcpPayloadSpecificFeedback,
  type RTCPeerConnection as WeriftPeerConnection,
} from 'werift';

/** REMB's mantissa field is 18 bits wide (draft-alvestrand-rmcat-remb, 2.2). */
const MANTISSA_LIMIT = 1 << 18;

/** The part of werift's RTP router that delivers RTCP (see keyframeRequestRouting.ts). */
interface RtcpRouter {
  routeRtcp(packet: RtcpPacket): void;
}

/** The bit rate a REMB feedback carries, as a number (werift parses it to a bigint). */
export function rembBitrate(feedback: ReceiverEstimatedMaxBitrate): number {
  return Number(feedback.bitrate);
}

/**
 * Calls `onEstimate(bps)` with every receiver estimate (REMB) the peer connection receives, then
 * lets werift route it as before. werift hands a REMB to whatever its first SSRC names; read here,
 * one arriving on a link counts for the link whichever of its streams it lists.
 */
export function onReceiverEstimate(
  pc: WeriftPeerConnection,
  onEstimate: (bps: number) => void,
): void {
  const router = (pc as unknown as { router: RtcpRouter }).router;
  const route = router.routeRtcp.bind(router);
  router.routeRtcp = (packet) => {
    if (
      packet instanceof RtcpPayloadSpecificFeedback &&
      packet.feedback instanceof ReceiverEstimatedMaxBitrate
    ) {
      onEstimate(rembBitrate(packet.feedback));
    }
    route(packet);
  };
}

/** A REMB (RTCP PSFB, format 15) asking the sender of `ssrcs` to send at most `bps` in all. */
export function rembPacket(
  bps: number,
  ssrcs: readonly number[],
  senderSsrc: number,
): RtcpPayloadSpecificFeedback {
  let brExp = 0;
  let rate = Math.max(0, Math.floor(bps));
  while (rate >= MANTISSA_LIMIT) {
    rate = Math.floor(rate / 2);
    brExp++;
  }
  return new RtcpPayloadSpecificFeedback({
    feedback: new ReceiverEstimatedMaxBitrate({
      senderSsrc,
      mediaSsrc: 0,
      ssrcNum: ssrcs.length,
      brExp,
      brMantissa: rate,
      ssrcFeedbacks: [...ssrcs],
    }),
  });
}

/** Sends the origin on `receiver`'s link a REMB of `bps` for the streams `ssrcs`. */
export async function sendReceiverEstimate(
  receiver: RTCRtpReceiver,
  bps: number,
  ssrcs: readonly number[],
): Promise<void> {
  await receiver.dtlsTransport.sendRtcp([rembPacket(bps, ssrcs, receiver.rtcpSsrc)]);
}
