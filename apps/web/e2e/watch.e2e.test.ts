import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, screenshot, startStack } from './harness';

const ROOM = 'e2e-watch-room';

/** Counts the camera and peer-connection calls a page makes (a watcher must make none). */
async function countMediaCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { mediaCalls: number; RTCPeerConnection: unknown };
    w.mediaCalls = 0;
    const Original = w.RTCPeerConnection as new (...args: unknown[]) => object;
    // A class, not an arrow: `new` on an arrow throws before it counts, and the test would pass.
    w.RTCPeerConnection = class extends Original {
      constructor(...args: unknown[]) {
        w.mediaCalls += 1;
        super(...args);
      }
    };
    const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (c) => {
      w.mediaCalls += 1;
      return gum(c);
    };
  });
}

describe('[P20] watching a room without joining it', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('draws the live topology and people as they join, switch and leave, and keeps the picture through a refused reconnect', async () => {
    const ana = await joinAs(stack, ROOM, 'Ana');
    const context = await stack.browser.newContext({ viewport: { width: 800, height: 700 } });
    const watcher = await context.newPage();
    await countMediaCalls(watcher);
    await watcher.goto(`${stack.baseUrl}/r/${ROOM}/watch`);
    const people = watcher.getByRole('list', { name: 'People in the room' });
    await people.getByText('Ana').waitFor();
    await watcher.getByRole('img', { name: 'Full mesh topology of 1 peer' }).waitFor();
    expect(await watcher.locator('[data-status]').textContent()).toBe('Live');

    const bo = await joinAs(stack, ROOM, 'Bo');
    await people.getByText('Bo').waitFor();
    await watcher.getByRole('img', { name: 'Full mesh topology of 2 peers' }).waitFor();
    // The link's state follows what the two browsers report.
    await watcher.locator('line.edge-connected').waitFor({ state: 'attached' });

    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('radio', { name: 'Star' }).check();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    await watcher.getByRole('img', { name: 'Star topology of 2 peers' }).waitFor();
    await watcher.getByText('(hub)').waitFor();
    await screenshot(watcher, 'watch-star');

    // A password set meanwhile ends the stream (the watcher was let in without one): the picture
    // stays while the page is refused, and comes back live once the room is open again.
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByLabel('Set a room password').fill('late-secret');
    await ana.getByRole('button', { name: 'Set password' }).click();
    await watcher.locator('[data-status="unavailable"]').waitFor();
    expect(await watcher.getByRole('img', { name: 'Star topology of 2 peers' }).count()).toBe(1);
    await ana.getByRole('button', { name: 'Remove password' }).click();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    await watcher.locator('[data-status="live"]').waitFor();

    await bo.getByRole('button', { name: 'Leave' }).click();
    await watcher.getByRole('img', { name: 'Star topology of 1 peer' }).waitFor();
    expect(await people.getByText('Bo').count()).toBe(0);
    expect(
      await watcher.evaluate(() => (window as unknown as { mediaCalls: number }).mediaCalls),
    ).toBe(0);
  });
});
