// The codec probe over a real engine (@roamhq/wrtc, libwebrtc like Chromium). Run inside a
// loopback-only namespace (the probe opens no ICE, but the connections gather).
import wrtc from '@roamhq/wrtc';
import { describe, expect, it } from 'vitest';
import { mayOpenPeerConnections } from '../testing/loopbackOnly';
import { keepsPayloadTypesUnderPreferences, permutePayloadTypes } from './codecProbe';
import { payloadMaps } from './payloadTypes';

describe.runIf(mayOpenPeerConnections())('codec probe over wrtc', () => {
  it('[M5] libwebrtc keeps negotiated payload types under preferences, probed once per class', async () => {
    const pc = new wrtc.RTCPeerConnection() as unknown as RTCPeerConnection;
    try {
      const first = keepsPayloadTypesUnderPreferences(pc);
      expect(keepsPayloadTypesUnderPreferences(pc)).toBe(first);
      expect(await first).toBe(true);
    } finally {
      pc.close();
    }
  });

  it('permutes an offer into numbers the engine did not choose, consistently', async () => {
    const pc = new wrtc.RTCPeerConnection() as unknown as RTCPeerConnection;
    try {
      pc.addTransceiver('video');
      const offer = await pc.createOffer();
      const before = [...(payloadMaps(offer.sdp ?? '').get('0') ?? [])];
      const after = payloadMaps(permutePayloadTypes(offer.sdp ?? '')).get('0');
      expect(after?.size).toBe(before.length);
      // Same codecs under different numbers: each rtx still points at its codec's new number.
      const names = (m: Iterable<[number, string]>) =>
        [...m].map(([, c]) => c.replace(/apt=\d+/, 'apt')).sort();
      expect(names(after ?? [])).toEqual(names(before));
      expect([...(after ?? [])].find(([, c]) => c.startsWith('vp8'))?.[0]).not.toBe(
        before.find(([, c]) => c.startsWith('vp8'))?.[0],
      );
      const vp8 = [...(after ?? [])].find(([, c]) => c.startsWith('vp8'))?.[0];
      expect([...(after ?? [])].some(([, c]) => c === `rtx/90000 apt=${vp8}`)).toBe(true);
    } finally {
      pc.close();
    }
  });
});
