// End-to-end encrypted media through the media hub (apps/hub): the hub forwards ciphertext it
// holds no key for, and the people decode each other.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWhenPreviewed, remoteFrames, type Stack, startStack } from './harness';
import { type MediaHubProcess, startMediaHub } from './mediaHub';
import { describePeerConnections, keepPeerConnections } from './peerConnectionReport';

const ROOM = 'e2e-e2ee-hub';
const HUB_SECRET = 'e2e-hub-secret-e2ee-0123456789ab';
const HUB_STATS_PORT = 18_191;

type DiagnosticsWindow = {
  meshworkDiagnostics: {
    selfId(): string | null;
    frameCounts(): { encrypted: number; decrypted: Record<string, number> } | null;
  };
};

async function join(stack: Stack, name: string, room = ROOM): Promise<Page> {
  const context = await stack.browser.newContext({ viewport: { width: 1000, height: 680 } });
  const page = await context.newPage();
  await keepPeerConnections(page);
  await page.goto(`${stack.baseUrl}/r/${room}?quality=low&diagnostics=1`);
  await page.getByLabel('Your name').fill(name);
  await joinWhenPreviewed(page);
  return page;
}

/** The page's peer id, once its join is acknowledged. */
async function selfId(page: Page): Promise<string> {
  const read = () =>
    page.evaluate(() => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.selfId());
  await expect.poll(read, { timeout: 30_000 }).not.toBeNull();
  return (await read()) as string;
}

/** The host turns encryption on; `meanwhile` runs; then the host picks the star through the server. */
async function encryptedStar(host: Page, meanwhile: () => Promise<void>): Promise<void> {
  await host.getByRole('button', { name: 'Settings' }).click();
  const toggle = host.getByRole('checkbox', { name: 'End-to-end encryption' });
  await toggle.click();
  await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(true);
  await meanwhile();
  await host.getByRole('radio', { name: 'Star' }).check();
  await host.getByRole('button', { name: 'Close settings' }).click();
}

/** The page shows the star through the server, encrypted end to end. */
async function inEncryptedStar(page: Page): Promise<void> {
  await page.getByText(/^Topology: Star \(hub: Server\)/).waitFor({ timeout: 30_000 });
  await page.locator('[data-e2ee="encrypted"]').waitFor({ timeout: 30_000 });
}

const decrypted = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as DiagnosticsWindow).meshworkDiagnostics.frameCounts()?.decrypted ?? {},
  );

/** Waits until `page` decrypts and decodes 15 more frames from each of `origins`. */
async function decodesFrom(page: Page, origins: string[]): Promise<void> {
  const [framesBefore, openedBefore] = [await remoteFrames(page), await decrypted(page)];
  await expect
    .poll(
      async () => {
        const [frames, opened] = [await remoteFrames(page), await decrypted(page)];
        return origins.every(
          (o) =>
            (frames[o] ?? 0) >= (framesBefore[o] ?? 0) + 15 &&
            (opened[o] ?? 0) >= (openedBefore[o] ?? 0) + 15,
        );
      },
      { timeout: 45_000, interval: 250 },
    )
    .toBe(true)
    .catch(async (err: unknown) => {
      // Say what was seen: decoded frames, decrypted frames and failures per origin.
      const counts = await page.evaluate(() =>
        (window as unknown as DiagnosticsWindow).meshworkDiagnostics.frameCounts(),
      );
      const receivers = await describePeerConnections(page);
      const seen = { origins, framesBefore, frames: await remoteFrames(page), counts, receivers };
      throw new Error(`${String(err)}: ${JSON.stringify(seen)}`);
    });
}

describe('end-to-end encryption through the server hub', () => {
  let stack: Stack;
  let hub: MediaHubProcess | undefined;
  const running = (): MediaHubProcess => {
    if (!hub) throw new Error('the media hub is not running');
    return hub;
  };

  beforeAll(async () => {
    stack = await startStack({ env: { HUB_SECRET }, yieldToHub: true });
    hub = await startMediaHub(stack.baseUrl, { secret: HUB_SECRET, statsPort: HUB_STATS_PORT });
  });
  afterAll(async () => {
    await hub?.close();
    await stack?.close();
  });

  it('[P31] a star through the server hub carries encrypted frames that every page decrypts; the hub forwards them and decodes none', async () => {
    const pages = [await join(stack, 'Ana'), await join(stack, 'Bo'), await join(stack, 'Cy')];
    const [ana] = pages as [Page, Page, Page];
    for (const page of pages) await page.getByRole('figure', { name: 'Cy' }).waitFor();
    const ids = await Promise.all(
      pages.map((p) =>
        p.evaluate(
          () => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.selfId() as string,
        ),
      ),
    );

    // Encryption on (keys go round the mesh), then the star through the server: nobody decodes
    // to relay, so the shield stays "End-to-end encrypted" and no confirm is asked.
    await ana.getByRole('button', { name: 'Settings' }).click();
    const toggle = ana.getByRole('checkbox', { name: 'End-to-end encryption' });
    await toggle.click();
    await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(true);
    for (const [i, page] of pages.entries()) {
      await decodesFrom(
        page,
        ids.filter((_, j) => j !== i),
      );
    }
    await ana.getByRole('radio', { name: 'Star' }).check();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    for (const [i, page] of pages.entries()) {
      await page.getByText(/^Topology: Star \(hub: Server\)/).waitFor({ timeout: 30_000 });
      await page.locator('[data-e2ee="encrypted"]').waitFor({ timeout: 30_000 });
      const others = ids.filter((_, j) => j !== i);
      await page
        .getByRole('figure', { name: i === 0 ? 'Bo' : 'Ana' })
        .getByText('via Server · 2 hops')
        .waitFor({ timeout: 30_000 });
      await decodesFrom(page, others);
    }
    // The people panel says the hub only forwards.
    await ana.getByRole('button', { name: 'Participants' }).click();
    await ana.getByText('Forwarded without decoding by: Server (media hub)').waitFor();

    const room = (await running().stats()).hubs[0]?.rooms.find((r) => r.roomId === ROOM);
    expect(room?.isHub).toBe(true);
    expect(room?.origins.map((o) => o.origin).sort()).toEqual([...ids].sort());
    for (const origin of room?.origins ?? []) {
      expect(origin.packetsForwarded).toBeGreaterThan(0);
      expect(origin.framesDecoded).toBe(0);
    }
    for (const page of pages) await page.context().close();
  });

  // The newcomer's receivers are made by the hub's offer while frames already flow to the
  // others: their transforms are set in the \`track\` event (PeerLink), else Chromium hands
  // their frames to the decoder undecrypted.
  it('[P33] in a running encrypted star through the server, a newcomer gets every key and gives its own, and after a leave the renewed keys reach everyone', async () => {
    const room = `${ROOM}-join`;
    const ana = await join(stack, 'Ana', room);
    const bo = await join(stack, 'Bo', room);
    await ana.getByRole('figure', { name: 'Bo' }).waitFor();
    const [anaId, boId] = [await selfId(ana), await selfId(bo)];
    // Their first keys go over their mesh link; then the star through the server.
    await encryptedStar(ana, async () => {
      await decodesFrom(ana, [boId]);
      await decodesFrom(bo, [anaId]);
    });
    for (const page of [ana, bo]) await inEncryptedStar(page);
    await decodesFrom(ana, [boId]);
    await decodesFrom(bo, [anaId]);

    // Cy joins the running star: its only direct link is to the media hub, so every key it gets
    // or gives goes through the signal app's relay.
    const cy = await join(stack, 'Cy', room);
    const cyId = await selfId(cy);
    await inEncryptedStar(cy);
    await decodesFrom(cy, [anaId, boId]);
    await decodesFrom(ana, [boId, cyId]);
    await decodesFrom(bo, [anaId, cyId]);

    // Bo leaves: Ana and Cy each draw a new frame key and it reaches the other through the relay,
    // so their frames keep decrypting.
    await bo.getByRole('button', { name: 'Leave' }).click();
    await bo.getByText('You left the room').waitFor();
    for (const page of [ana, cy]) {
      await page.getByRole('status').getByText('Bo left').waitFor({ timeout: 30_000 });
    }
    await decodesFrom(ana, [cyId]);
    await decodesFrom(cy, [anaId]);
    for (const page of [ana, cy]) await page.locator('[data-e2ee="encrypted"]').waitFor();

    const served = (await running().stats()).hubs[0]?.rooms.find((r) => r.roomId === room);
    expect(served?.isHub).toBe(true);
    for (const origin of served?.origins ?? []) expect(origin.framesDecoded).toBe(0);
    for (const page of [ana, bo, cy]) await page.context().close();
  }, 300_000);
});
