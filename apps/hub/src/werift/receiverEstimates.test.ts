import { describe, expect, it } from 'vitest';
import {
  ReceiverEstimatedMaxBitrate,
  RtcpPacketConverter,
  RtcpPayloadSpecificFeedback,
} from 'werift';
import { rembBitrate, rembPacket } from './receiverEstimates';

function roundTrip(bps: number, ssrcs: number[]) {
  const [packet] = RtcpPacketConverter.deSerialize(rembPacket(bps, ssrcs, 1234).serialize());
  if (!(packet instanceof RtcpPayloadSpecificFeedback)) throw new Error('not a PSFB');
  const feedback = packet.feedback;
  if (!(feedback instanceof ReceiverEstimatedMaxBitrate)) throw new Error('not a REMB');
  return feedback;
}

describe('REMB packets the hub sends', () => {
  it('[P32] carry the bit rate (to 18 bits of precision) and the SSRCs they are about', () => {
    for (const bps of [0, 100_000, 262_143, 262_144, 1_234_567, 10_000_000]) {
      const feedback = roundTrip(bps, [11, 22]);
      expect(rembBitrate(feedback)).toBeLessThanOrEqual(bps);
      expect(rembBitrate(feedback)).toBeGreaterThanOrEqual(bps * (1 - 2 ** -17));
      expect(feedback.ssrcFeedbacks).toEqual([11, 22]);
      expect(feedback.senderSsrc).toBe(1234);
      expect(feedback.mediaSsrc).toBe(0);
    }
  });

  it('[P32] a REMB whose exponent says more than 2^46 reads as an absurd rate', () => {
    const packet = rembPacket(1, [5], 1);
    (packet.feedback as ReceiverEstimatedMaxBitrate).brExp = 63;
    const [back] = RtcpPacketConverter.deSerialize(packet.serialize());
    expect(
      rembBitrate((back as RtcpPayloadSpecificFeedback).feedback as ReceiverEstimatedMaxBitrate),
    ).toBeGreaterThan(1e18);
  });
});
