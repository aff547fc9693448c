import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  joinAs,
  joinWhenPreviewed,
  type Stack,
  startStack,
  waitForFramesAdvancing,
} from './harness';

const ROOM = 'e2e-presence-room';
/** Bounds a wait for the room to settle after someone leaves or comes back. */
const SETTLE_TIMEOUT_MS = 30_000;

/** The names on the page's tiles, in order. */
function tileNames(page: Page): Promise<(string | null)[]> {
  return page
    .getByRole('region', { name: "Participants' video" })
    .getByRole('figure')
    .evaluateAll((figures) => figures.map((f) => f.getAttribute('aria-label')));
}

describe('four people in one room', () => {
  let stack: Stack;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('someone leaves: every other page drops their tile and the rest keep playing', async () => {
    for (const name of ['Ana', 'Bo', 'Cy', 'Di']) pages.push(await joinAs(stack, ROOM, name));
    for (const page of pages) {
      await page.getByRole('figure', { name: 'Di', exact: true }).waitFor();
      await waitForFramesAdvancing(page, 3);
    }
    const [ana, bo, cy, di] = pages as [Page, Page, Page, Page];

    await di.getByRole('button', { name: 'Leave' }).click();
    await di.getByRole('heading', { name: 'You left the room' }).waitFor();
    for (const page of [ana, bo, cy]) {
      await page
        .getByRole('figure', { name: 'Di', exact: true })
        .waitFor({ state: 'detached', timeout: SETTLE_TIMEOUT_MS });
      expect(await tileNames(page)).toEqual(['Ana', 'Bo', 'Cy']);
      await page.getByText('· 3 people').waitFor();
      await waitForFramesAdvancing(page, 2);
    }
  });

  it('someone reloads: the pre-join remembers the name, and after Join everyone plays everyone', async () => {
    const [ana, bo, cy] = pages as [Page, Page, Page];
    await bo.reload();
    expect(await bo.getByLabel('Your name').inputValue()).toBe('Bo');
    await joinWhenPreviewed(bo);

    for (const page of [ana, bo, cy]) {
      // Bo has one tile again, not a second one beside a stale one.
      await expect
        .poll(async () => (await tileNames(page)).sort(), { timeout: SETTLE_TIMEOUT_MS })
        .toEqual(['Ana', 'Bo', 'Cy']);
      await waitForFramesAdvancing(page, 2);
    }
    await ana.getByRole('figure', { name: 'Bo', exact: true }).getByText('direct').waitFor();
  });
});
