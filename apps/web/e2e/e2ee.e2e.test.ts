import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWhenPreviewed, remoteFrames, type Stack, startStack } from './harness';

interface FrameCounts {
  encrypted: number;
  decrypted: Record<string, number>;
  failed: Record<string, number>;
}
interface Diagnostics {
  selfId(): string | null;
  frameCounts(): FrameCounts | null;
  withholdFrameKeys(origin: string): void;
}

/** Joins `room` as `name` with the diagnostics hook ([P31]: frame counts, withholding keys). */
async function joinWithDiagnostics(stack: Stack, room: string, name: string): Promise<Page> {
  const context = await stack.browser.newContext({ viewport: { width: 1000, height: 680 } });
  const page = await context.newPage();
  await page.goto(`${stack.baseUrl}/r/${room}?quality=low&diagnostics=1`);
  await page.getByLabel('Your name').fill(name);
  await joinWhenPreviewed(page);
  return page;
}

type DiagnosticsWindow = { meshworkDiagnostics: Diagnostics };

const counts = (page: Page) =>
  page.evaluate(() => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.frameCounts());
const selfId = (page: Page) =>
  page.evaluate(
    () => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.selfId() as string,
  );

describe('end-to-end encryption', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P31] three pages in a mesh decode every origin through encrypted frames; a page without one sender’s key decodes nothing of it', async () => {
    const room = 'e2e-e2ee-mesh';
    const ana = await joinWithDiagnostics(stack, room, 'Ana');
    const bo = await joinWithDiagnostics(stack, room, 'Bo');
    const cy = await joinWithDiagnostics(stack, room, 'Cy');
    const pages = [ana, bo, cy];
    for (const page of pages) await page.getByRole('figure', { name: 'Cy', exact: true }).waitFor();
    const ids = { ana: await selfId(ana), bo: await selfId(bo), cy: await selfId(cy) };

    // The host turns end-to-end encryption on for the room.
    await ana.getByRole('button', { name: 'Settings' }).click();
    const toggle = ana.getByRole('checkbox', { name: 'End-to-end encryption' });
    // The box shows the room's setting as the server confirms it.
    await toggle.click();
    await expect.poll(() => toggle.isChecked(), { timeout: 10_000 }).toBe(true);
    await ana.getByRole('button', { name: 'Close settings' }).click();
    for (const page of pages) {
      await page.locator('[data-e2ee="encrypted"]').waitFor({ timeout: 30_000 });
    }

    // Every page decrypts, and its tiles decode, frames from each other origin.
    const everyone = Object.values(ids);
    for (const [i, page] of pages.entries()) {
      const others = everyone.filter((id) => id !== everyone[i]);
      await expect
        .poll(
          async () => {
            const c = await counts(page);
            return others.every((o) => (c?.decrypted[o] ?? 0) > 30) && (c?.encrypted ?? 0) > 30;
          },
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true);
      const before = await remoteFrames(page);
      await expect
        .poll(
          async () => {
            const now = await remoteFrames(page);
            return others.every((o) => (now[o] ?? 0) >= (before[o] ?? 0) + 15);
          },
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true);
    }

    // Cy stops holding Ana's key: Ana's frames fail to open there and her tile stops decoding,
    // while Bo's keeps going.
    await cy.evaluate(
      (ana) => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.withholdFrameKeys(ana),
      ids.ana,
    );
    const failedBefore = (await counts(cy))?.failed[ids.ana] ?? 0;
    await expect
      .poll(async () => ((await counts(cy))?.failed[ids.ana] ?? 0) - failedBefore, {
        timeout: 15_000,
        interval: 250,
      })
      .toBeGreaterThan(20);
    const stalled = await remoteFrames(cy);
    await expect
      .poll(async () => ((await remoteFrames(cy))[ids.bo] ?? 0) - (stalled[ids.bo] ?? 0), {
        timeout: 30_000,
        interval: 250,
      })
      .toBeGreaterThan(30);
    // Bo advanced by 30+ frames meanwhile; Ana's tile decoded nothing new.
    expect((await remoteFrames(cy))[ids.ana]).toBe(stalled[ids.ana]);
    // The people panel says whose media this page cannot decrypt.
    await cy.getByRole('button', { name: 'Participants' }).click();
    await cy.getByText("Can't decrypt from: Ana").waitFor({ timeout: 15_000 });
    // Everyone else still decrypts Ana.
    const boFromAna = (await counts(bo))?.decrypted[ids.ana] ?? 0;
    await expect
      .poll(async () => ((await counts(bo))?.decrypted[ids.ana] ?? 0) - boFromAna, {
        timeout: 15_000,
      })
      .toBeGreaterThan(10);
  });
});
