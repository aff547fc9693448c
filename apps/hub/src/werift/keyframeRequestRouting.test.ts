// werift's own RTP router, with a stand-in for the receiver a browser's feedback SSRC names.

import { afterEach, describe, expect, it } from 'vitest';
import { PictureLossIndication, type RtcpPacket, RtcpPayloadSpecificFeedback } from 'werift';
import { FIR_FORMAT } from './keyframeRequestRouting';
import { weriftPeerConnections } from './peerConnections';

/** The SSRC of the browser's own outgoing video, which the hub receives. */
const BROWSER_SSRC = 0x1234;

interface Router {
  ssrcTable: Record<number, unknown>;
  routeRtcp(packet: RtcpPacket): void;
}

const create = weriftPeerConnections({ hostAddresses: ['127.0.0.1'] });
const open: RTCPeerConnection[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A hub connection that sends one video track and receives the browser's under BROWSER_SSRC. */
function hubLink() {
  const pc = create({ iceServers: [] });
  open.push(pc);
  const transceiver = pc.addTransceiver('video', { direction: 'sendrecv' });
  const sender = transceiver.sender as unknown as {
    ssrc: number;
    onPictureLossIndication: { subscribe(f: () => void): void };
    onRtcp: { subscribe(f: (p: RtcpPacket) => void): void };
  };
  const router = (pc as unknown as { router: Router }).router;
  const toReceiver: RtcpPacket[] = [];
  router.ssrcTable[BROWSER_SSRC] = {
    type: 'receiver',
    handleRtcpPacket: (p: RtcpPacket) => toReceiver.push(p),
  };
  return { sender, router, toReceiver };
}

describe('werift keyframe request routing', () => {
  it("a browser's PLI signed with its own sending SSRC reaches the sender it asks about", () => {
    const { sender, router, toReceiver } = hubLink();
    let plis = 0;
    sender.onPictureLossIndication.subscribe(() => plis++);
    router.routeRtcp(
      new RtcpPayloadSpecificFeedback({
        feedback: new PictureLossIndication({ senderSsrc: BROWSER_SSRC, mediaSsrc: sender.ssrc }),
      }),
    );
    // werift alone handed it to the receiver under BROWSER_SSRC, which drops feedback.
    expect(plis).toBe(1);
    expect(toReceiver).toHaveLength(0);
  });

  it('a FIR reaches the sender named in its entries', () => {
    const { sender, router, toReceiver } = hubLink();
    const seen: RtcpPacket[] = [];
    sender.onRtcp.subscribe((p) => seen.push(p));
    const fir = {
      count: FIR_FORMAT,
      senderSsrc: BROWSER_SSRC,
      mediaSsrc: 0,
      fir: [{ ssrc: sender.ssrc, sequenceNumber: 1 }],
      length: 4,
      serialize: () => Buffer.alloc(0),
    };
    router.routeRtcp(
      new RtcpPayloadSpecificFeedback({ feedback: fir as unknown as PictureLossIndication }),
    );
    expect(seen).toHaveLength(1);
    expect(toReceiver).toHaveLength(0);
  });

  it('a PLI about no sender of this link keeps werift routing', () => {
    const { router, toReceiver } = hubLink();
    router.routeRtcp(
      new RtcpPayloadSpecificFeedback({
        feedback: new PictureLossIndication({ senderSsrc: BROWSER_SSRC, mediaSsrc: 0x9999 }),
      }),
    );
    expect(toReceiver).toHaveLength(1);
  });
});
