// Receiver bandwidth estimates shape what the media hub forwards (protocol SPEC [P32]): Chromium
// pages in a star through the server, one of them in a namespace of its own whose downlink the
// test limits with tc tbf.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack } from './harness';
import { flowingThroughHub, type HubStats, type MediaHubProcess, startMediaHub } from './mediaHub';
import { createNoiseCamera, type NoiseCamera } from './noiseCamera';
import { keepPeerConnections } from './peerConnectionReport';
import { createSlowHost, type SlowHost } from './slowHost';
import { BROWSER_NICENESS, launchChromium } from './stack.mjs';

const ROOM = 'e2e-hub-shaping';
/** The hub's lowest cap (apps/hub/src/shaping/ReceiverEstimates.ts CAP_FLOOR_BPS), bit/s. */
const CAP_FLOOR_BPS = 100_000;
const HUB_SECRET = 'e2e-hub-secret-0123456789abcdef';
const HUB_STATS_PORT = 18_191;
/** What reaches the slow page, kbit/s: well under what two forwarded cameras take unlimited. */
const SLOW_DOWNLINK_KBPS = 200;
/** Congestion control's ramp before a measured window, and the window. */
const SETTLE_MS = 12_000;
const WINDOW_MS = 6_000;
/** Ana's unlimited rate must clear the floor by half again (kbit/s) within this many windows. */
const BASELINE_MIN_KBPS = (CAP_FLOOR_BPS / 1000) * 1.5;
const BASELINE_WINDOWS = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const step = (what: string) => process.stderr.write(`hub shaping: ${what}\n`);

/** Video RTP bytes (payload and headers) the page has sent on its open connections. */
function videoSent(page: Page): Promise<{ at: number; bytes: number }> {
  return page.evaluate(async () => {
    const kept =
      (window as unknown as { keptPeerConnections?: RTCPeerConnection[] }).keptPeerConnections ??
      [];
    let bytes = 0;
    for (const pc of kept) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
        bytes += Number(s.bytesSent ?? 0) + Number(s.headerBytesSent ?? 0);
      });
    }
    return { at: performance.now(), bytes };
  });
}

/** The page's video send rate over `WINDOW_MS`, kbit/s. */
async function videoKbps(page: Page): Promise<number> {
  const before = await videoSent(page);
  await sleep(WINDOW_MS);
  const after = await videoSent(page);
  return ((after.bytes - before.bytes) * 8) / (after.at - before.at);
}

/** What Ana's encoder is told and does: the numbers behind a send rate, for a failure's message. */
function senderReport(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const kept =
      (window as unknown as { keptPeerConnections?: RTCPeerConnection[] }).keptPeerConnections ??
      [];
    const out: unknown[] = [];
    for (const pc of kept) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type === 'outbound-rtp' && s.kind === 'video') {
          out.push({
            targetBitrate: s.targetBitrate,
            limitation: s.qualityLimitationReason,
            width: s.frameWidth,
            fps: s.framesPerSecond,
          });
        }
        if (s.type === 'candidate-pair' && s.nominated === true) {
          out.push({
            availableOutgoingBitrate: s.availableOutgoingBitrate,
            rtt: s.currentRoundTripTime,
          });
        }
      });
    }
    return out;
  });
}

/** `page`'s tiles play on; if not, the failure says what each page and the hub got. */
const flowing = (hub: MediaHubProcess, pages: readonly Page[], page: Page) =>
  flowingThroughHub(
    hub,
    pages.map((p, i) => [['Ana', 'Bo', 'Cy'][i] ?? String(i), p] as const),
    page,
    2,
  );

async function originOf(page: Page, name: string): Promise<string> {
  const id = await page.getByRole('figure', { name }).getAttribute('data-origin');
  if (id === null) throw new Error(`no tile of ${name}`);
  return id;
}

type Shaping = NonNullable<HubStats['hubs'][number]['rooms'][number]['shaping']>;

async function shaping(hub: MediaHubProcess): Promise<Shaping> {
  const room = (await hub.stats()).hubs[0]?.rooms.find((r) => r.roomId === ROOM);
  if (room?.shaping === undefined) throw new Error('the hub shows no shaping for the room');
  return room.shaping;
}

/** How the hub runs: a starved hub's bursts read as congestion to every receiver. */
async function hubLoad(hub: MediaHubProcess): Promise<string> {
  const stats = (await hub.stats()).hubs[0];
  return `scheduled ${hub.scheduling}, cpu ${stats?.cpuPercent?.toFixed(0)} %, loop delay ${JSON.stringify(stats?.eventLoopDelay)}`;
}

describe('receiver estimates shape what the server hub forwards', () => {
  let stack: Stack;
  let hub: MediaHubProcess | undefined;
  let slow: SlowHost | undefined;
  let slowBrowser: Browser | undefined;
  let noise: NoiseCamera | undefined;
  let noisyBrowser: Browser | undefined;

  beforeAll(async () => {
    slow = await createSlowHost();
    step('slow host made');
    // The signal app listens on every address of the test's namespace: the slow host reaches it
    // at the gateway.
    stack = await startStack({ env: { HUB_SECRET, HOST: '0.0.0.0' }, yieldToHub: true });
    step('signal app up');
    hub = await startMediaHub(stack.baseUrl, {
      secret: HUB_SECRET,
      statsPort: HUB_STATS_PORT,
      startTimeoutMs: 180_000,
    });
    step('media hub up');
    slowBrowser = await slow.launchChromium(Number(new URL(stack.baseUrl).port), BROWSER_NICENESS);
    step('Chromium in the slow host up');
    noise = await createNoiseCamera();
    noisyBrowser = await launchChromium({
      yieldToHub: true,
      args: [`--use-file-for-fake-video-capture=${noise.path}`],
    });
  }, 600_000);
  afterAll(async () => {
    await slowBrowser?.close();
    await noisyBrowser?.close();
    await noise?.close();
    await hub?.close();
    await stack?.close();
    await slow?.close();
  });

  it('[P32] a page whose downlink is limited gets the origin capped below its unlimited rate, and the others still see everyone', async () => {
    if (!hub || !slow || !slowBrowser || !noisyBrowser) throw new Error('not started');
    const running = hub;
    // Ana's camera is noise (noiseCamera.ts): unlimited, she sends what congestion control
    // allows, well above the hub's floor of a cap, so a cap shows as a lower rate.
    const ana = await joinAs({ ...stack, browser: noisyBrowser }, ROOM, 'Ana', keepPeerConnections);
    const bo = await joinAs(stack, ROOM, 'Bo', keepPeerConnections);
    const slowStack = {
      ...stack,
      browser: slowBrowser,
      baseUrl: `http://${slow.gateway}:${new URL(stack.baseUrl).port}`,
    };
    const cy = await joinAs(slowStack, ROOM, 'Cy', keepPeerConnections);
    const pages = [ana, bo, cy];
    step('three pages joined');
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('radio', { name: 'Star' }).check();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    for (const page of pages) {
      await expect
        .poll(() => page.locator('.topology-status').textContent(), { timeout: 60_000 })
        .toMatch(/^Topology: Star \(hub: Server\)/);
      await flowing(running, pages, page);
    }
    step('star through the server flowing');
    const anaId = await originOf(bo, 'Ana');
    const cyId = await originOf(bo, 'Cy');

    await sleep(SETTLE_MS);
    // What the test shows needs room under Ana's unlimited rate: a cap at the floor must be lower.
    // Congestion control may still be ramping (receivers' estimates grow some 8 % a second, and
    // fall back on a delay spike): a few more windows before it counts as not clearing the floor.
    const windows: string[] = [];
    let baseline = 0;
    for (let i = 0; i < BASELINE_WINDOWS && baseline <= BASELINE_MIN_KBPS; i++) {
      baseline = await videoKbps(ana);
      windows.push(
        `Ana sends ${baseline.toFixed(0)} kbit/s; hub ${await hubLoad(running)}, ${JSON.stringify(await shaping(running))}; Ana's encoder ${JSON.stringify(await senderReport(ana))}`,
      );
    }
    process.stdout.write(`unlimited:\n  ${windows.join('\n  ')}\n`);
    expect(
      baseline,
      `Ana's unlimited rate, kbit/s: above the hub's floor of a cap; windows:\n  ${windows.join('\n  ')}`,
    ).toBeGreaterThan(BASELINE_MIN_KBPS);
    await slow.limitDownlink(SLOW_DOWNLINK_KBPS);
    await sleep(SETTLE_MS);
    const limited = await videoKbps(ana);
    const shaped = await shaping(running);
    const seen = `limited: Ana sends ${limited.toFixed(0)} kbit/s; hub ${await hubLoad(running)}, ${JSON.stringify(shaped)}; Ana's encoder ${JSON.stringify(await senderReport(ana))}`;
    process.stdout.write(`${seen}\n`);

    const cyEstimate = shaped.receivers.find((r) => r.peer === cyId)?.estimateBps ?? null;
    const anaCap = shaped.origins.find((o) => o.origin === anaId)?.capSentBps ?? null;
    expect(cyEstimate, seen).not.toBeNull();
    expect(cyEstimate ?? 0, seen).toBeLessThan(SLOW_DOWNLINK_KBPS * 1000 * 1.2);
    expect(anaCap, seen).not.toBeNull();
    expect(anaCap ?? 0, seen).toBeLessThan(baseline * 1000);
    expect(limited, seen).toBeLessThan(baseline * 0.7);
    // The others still decode everyone, the slow page's camera included.
    await flowing(running, pages, ana);
    await flowing(running, pages, bo);
  }, 480_000);
});
