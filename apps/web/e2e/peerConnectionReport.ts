// What a page's peer connections carry, for a failing test's report: the page keeps every
// RTCPeerConnection it makes (an init script, added before the app loads), and the report reads
// each one's media sections and inbound RTP.
import type { Page } from 'playwright-core';

/** Keeps every RTCPeerConnection the page makes on `window`, for `describePeerConnections`. */
export async function keepPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const kept: RTCPeerConnection[] = [];
    const Native = window.RTCPeerConnection;
    class Kept extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        kept.push(this);
      }
    }
    Object.defineProperty(window, 'RTCPeerConnection', { value: Kept, configurable: true });
    Object.defineProperty(window, 'keptPeerConnections', { value: kept });
  });
}

/**
 * Each kept connection: its state, its media sections, what arrived and left on each mid, and whether a
 * frame transform (end-to-end encryption) sits on each side.
 */
export function describePeerConnections(page: Page): Promise<unknown> {
  return page.evaluate(async () => {
    const kept = (window as unknown as { keptPeerConnections?: RTCPeerConnection[] })
      .keptPeerConnections;
    return Promise.all(
      (kept ?? [])
        .filter((pc) => pc.connectionState !== 'closed')
        .map(async (pc) => {
          const inbound: Record<string, unknown> = {};
          const outbound: Record<string, unknown> = {};
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'outbound-rtp') {
              outbound[String(s.mid)] = {
                kind: s.kind,
                ssrc: s.ssrc,
                packets: s.packetsSent,
                frames: s.framesEncoded,
                limitation: s.qualityLimitationReason,
              };
            }
            if (s.type !== 'inbound-rtp') return;
            inbound[String(s.mid)] = {
              kind: s.kind,
              packets: s.packetsReceived,
              frames: s.framesDecoded,
              keyframes: s.keyFramesDecoded,
              plis: s.pliCount,
            };
          });
          return {
            state: pc.connectionState,
            signaling: pc.signalingState,
            transceivers: pc.getTransceivers().map((t) => ({
              mid: t.mid,
              direction: t.direction,
              current: t.currentDirection,
              track: t.receiver.track.kind,
              sending: t.sender.track
                ? `${t.sender.track.kind}:${t.sender.track.readyState}${t.sender.track.enabled ? '' : ':disabled'}`
                : null,
              inbound: inbound[String(t.mid)] ?? null,
              outbound: outbound[String(t.mid)] ?? null,
              receiveTransform: Boolean((t.receiver as { transform?: unknown }).transform),
              sendTransform: Boolean((t.sender as { transform?: unknown }).transform),
            })),
          };
        }),
    );
  });
}
