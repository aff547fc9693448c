import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCall, seeEveryone } from './drivers/call';
import type { PageDriver } from './drivers/PageDriver';
import { playwrightBrowser } from './drivers/playwrightDriver';
import { pick, press } from './drivers/tools';
import { type Stack, startStack } from './harness';

const NAMES = ['Ana', 'Bo', 'Cy', 'Di'] as const;
/** The budget Ana picks in her settings, kbit/s. */
const BUDGET_KBPS = 250;
/** Congestion control's ramp after the budget changes, then the measured window. */
const SETTLE_MS = 5_000;
const WINDOW_MS = 6_000;

/** Keeps every RTCPeerConnection the page makes, for the test to read their stats. */
function tapPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { e2ePcs: RTCPeerConnection[] }).e2ePcs = made;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  } as typeof RTCPeerConnection;
}

/** RTP bytes (payload and headers) this page sent on its open links, and its senders' limits. */
function sentNow(): Promise<{ at: number; bytes: number; limits: Array<number | null> }> {
  const pcs = (window as unknown as { e2ePcs: RTCPeerConnection[] }).e2ePcs;
  return (async () => {
    let bytes = 0;
    const limits: Array<number | null> = [];
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'outbound-rtp') return;
        bytes += Number(s.bytesSent ?? 0) + Number(s.headerBytesSent ?? 0);
      });
      for (const sender of pc.getSenders()) {
        if (sender.track) limits.push(sender.getParameters().encodings?.[0]?.maxBitrate ?? null);
      }
    }
    return { at: performance.now(), bytes, limits };
  })();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the upload budget in a Chromium mesh', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[M26] Ana picks 250 kbit/s: all she sends to three people stays within it, and they still see her', async () => {
    const chromium = playwrightBrowser(stack.browser);
    const pages: PageDriver[] = [];
    try {
      for (const name of NAMES) {
        const page = await chromium.newPage(tapPeerConnections);
        await joinCall(page, stack.baseUrl, 'e2e-uplink-budget', name);
        pages.push(page);
      }
      const [ana, ...others] = pages as [PageDriver, ...PageDriver[]];
      await seeEveryone(ana, ['Bo', 'Cy', 'Di']);
      await press(ana, 'Settings');
      await ana.select(
        await pick(ana, { role: 'select', name: 'Upload budget' }),
        String(BUDGET_KBPS),
      );
      await press(ana, 'Close settings');
      // Every sender of hers is limited, and the limits add up to less than the budget.
      await ana.waitFor(
        (budget) =>
          (async () => {
            const pcs = (window as unknown as { e2ePcs: RTCPeerConnection[] }).e2ePcs;
            const limits = pcs
              .filter((pc) => pc.connectionState !== 'closed')
              .flatMap((pc) => pc.getSenders())
              .filter((s) => s.track)
              .map((s) => s.getParameters().encodings?.[0]?.maxBitrate ?? Number.POSITIVE_INFINITY);
            return limits.length === 6 && limits.reduce((a, b) => a + b, 0) <= budget * 1000;
          })(),
        BUDGET_KBPS,
        20_000,
      );
      await sleep(SETTLE_MS);
      const before = await ana.evaluate(sentNow, undefined);
      await sleep(WINDOW_MS);
      const after = await ana.evaluate(sentNow, undefined);
      const kbps = ((after.bytes - before.bytes) * 8) / (after.at - before.at);
      // Unlimited, three 320x180 cameras and microphones send about twice this.
      expect(kbps).toBeLessThanOrEqual(BUDGET_KBPS * 1.1);
      expect(kbps).toBeGreaterThan(0);
      for (const [i, page] of others.entries()) {
        await seeEveryone(
          page,
          NAMES.filter((_, j) => j !== i + 1),
        );
      }
    } finally {
      for (const page of pages) await page.close();
    }
  }, 240_000);
});
