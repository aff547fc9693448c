// [P28] Automatic topology in Chromium: two people and a bot in a new (automatic) room. The header
// says why the room runs mesh; the bot claims its CPU holds its video back, and after the
// persistence time the room goes star, the header names the bot, and every origin keeps playing.
import { Bot } from '@meshwork/bots';
import { LIMIT_PERSIST_MS } from '@meshwork/mesh/plan';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack, waitForFramesAdvancing } from './harness';

const ROOM = 'e2e-auto';

describe('automatic topology in Chromium', () => {
  let stack: Stack;
  let bot: Bot | undefined;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    bot?.close();
    await stack?.close();
  });

  it('[P28] the header says why; a bot reporting cpu limitation turns the room to star, and every origin plays on', async () => {
    const pages: Page[] = [];
    for (const name of ['Ana', 'Bo']) pages.push(await joinAs(stack, ROOM, name));
    bot = new Bot({
      url: stack.baseUrl,
      roomId: ROOM,
      name: 'Cy',
      index: 3,
      video: { width: 160, height: 120, fps: 15 },
    });
    await bot.join(30_000);
    for (const page of pages) {
      await page.getByText(/^Topology: Automatic · Mesh: 3 people/).waitFor({ timeout: 30_000 });
      await waitForFramesAdvancing(page, 2);
    }
    const [ana] = pages as [Page, Page];
    // The cost preview of Automatic is what it would pick now.
    await ana.getByRole('button', { name: 'Settings' }).click();
    expect(await ana.getByRole('radio', { name: 'Automatic' }).isChecked()).toBe(true);
    expect(await ana.locator('[data-auto-pick]').textContent()).toBe('Now: Full mesh');
    await ana.getByRole('button', { name: 'Close settings' }).click();

    const claimed = Date.now();
    bot.limit('cpu');
    for (const page of pages) {
      await page
        .getByText(/^Topology: Automatic · Star: 3 people, Cy's CPU limited \(hub: Ana\)/)
        .waitFor({ timeout: LIMIT_PERSIST_MS + 60_000 });
    }
    expect(Date.now() - claimed).toBeGreaterThanOrEqual(LIMIT_PERSIST_MS - 100);
    for (const page of pages) {
      await expect
        .poll(() => page.locator('.topology-status').getAttribute('data-topology'))
        .toBe('star');
      await waitForFramesAdvancing(page, 2);
    }
    // The bot decodes video over the star too (Chromium's camera carries no frame code for the
    // bot's per-origin meter, so this reads the decoder's count on the bot's links).
    const decoded = async () =>
      (await bot?.session.getStats())?.reduce((sum, s) => sum + s.framesDecoded, 0) ?? 0;
    const start = await decoded();
    await expect.poll(decoded, { timeout: 30_000 }).toBeGreaterThanOrEqual(start + 20);
  });
});
