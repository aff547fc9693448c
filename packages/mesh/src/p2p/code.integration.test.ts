// Real WebRTC in Node (@roamhq/wrtc): the SDP a code rebuilds is accepted by libwebrtc and the
// data channel opens on it, in both directions. Run inside a loopback-only namespace.

import { until } from '@meshwork/kit';
import wrtc from '@roamhq/wrtc';
import { afterEach, describe, expect, it } from 'vitest';
import { mayOpenPeerConnections } from '../runtime/testing/loopbackOnly';
import { decodeCode, encodeCode } from './code';

const CHANNEL = { negotiated: true, id: 0 } as const;
const made: RTCPeerConnection[] = [];

function peer(): { pc: RTCPeerConnection; channel: RTCDataChannel } {
  const pc = new wrtc.RTCPeerConnection({ iceServers: [] }) as RTCPeerConnection;
  made.push(pc);
  return { pc, channel: pc.createDataChannel('p2p', CHANNEL) };
}

function gathered(pc: RTCPeerConnection): Promise<void> {
  return until(() => pc.iceGatheringState === 'complete', {
    what: 'ICE gathering',
    timeoutMs: 5_000,
  });
}

async function localCode(pc: RTCPeerConnection): Promise<string> {
  await gathered(pc);
  const local = pc.localDescription;
  if (!local || (local.type !== 'offer' && local.type !== 'answer')) throw new Error('no local');
  return encodeCode({ type: local.type, sdp: local.sdp }, Date.now());
}

async function remote(pc: RTCPeerConnection, code: string): Promise<void> {
  const decoded = await decodeCode(code, Date.now());
  if (!decoded.ok) throw new Error(decoded.error);
  await pc.setRemoteDescription(decoded.description);
}

afterEach(() => {
  for (const pc of made.splice(0)) pc.close();
});

describe.runIf(mayOpenPeerConnections())('p2p codes over real WebRTC', () => {
  it('an offer code and an answer code open a data channel that carries messages', async () => {
    const a = peer();
    const b = peer();
    await a.pc.setLocalDescription(await a.pc.createOffer());
    const offer = await localCode(a.pc);
    await remote(b.pc, offer);
    await b.pc.setLocalDescription(await b.pc.createAnswer());
    const answer = await localCode(b.pc);
    await remote(a.pc, answer);
    await until(() => a.channel.readyState === 'open' && b.channel.readyState === 'open', {
      what: 'both data channels open',
      timeoutMs: 10_000,
    });
    const got = new Promise<string>((resolve) => {
      b.channel.onmessage = (e) => resolve(String(e.data));
    });
    a.channel.send('hello');
    await expect(got).resolves.toBe('hello');
    expect(offer.length).toBeLessThan(400);
    expect(answer.length).toBeLessThan(400);
  });
});
