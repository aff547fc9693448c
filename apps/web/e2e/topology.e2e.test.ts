import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  joinAs,
  type Stack,
  startStack,
  taggedVideos,
  tagVideos,
  waitForFramesAdvancing,
} from './harness';

const ROOM = 'e2e-topology-room';

async function switchTopology(page: Page, name: 'Full mesh' | 'Star' | 'Ring'): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name }).check();
  await page.getByRole('button', { name: 'Close settings' }).click();
}

describe('three people in one room', () => {
  let stack: Stack;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('join by the invite URL, all videos play, and Star then Ring reach everyone without reloading tiles', async () => {
    // Joined one after another so join order (and the elected star hub) is Ana.
    for (const name of ['Ana', 'Bo', 'Cy']) pages.push(await joinAs(stack, ROOM, name));

    for (const page of pages) {
      await page.getByRole('figure', { name: 'Cy' }).waitFor();
      expect(await page.getByRole('figure').count()).toBe(3);
      await expect.poll(() => page.getByText('Topology: Full mesh').count()).toBe(1);
      await waitForFramesAdvancing(page, 2);
      expect(await tagVideos(page)).toBe(3);
    }
    const [ana, bo, cy] = pages as [Page, Page, Page];
    expect(await bo.getByRole('figure', { name: 'Cy' }).getByText('direct').count()).toBe(1);

    await switchTopology(cy, 'Star');
    for (const page of pages) {
      await page.getByText(/^Topology: Star/).waitFor();
      await waitForFramesAdvancing(page, 2);
      expect(await taggedVideos(page)).toBe(3);
    }
    // Ana is the hub: Bo's video reaches Cy through her.
    await cy.getByRole('figure', { name: 'Bo' }).getByText('via Ana · 2 hops').waitFor();
    await bo.getByRole('figure', { name: 'Cy' }).getByText('via Ana · 2 hops').waitFor();
    expect(await ana.getByRole('figure', { name: 'Bo' }).getByText('direct').count()).toBe(1);

    await switchTopology(ana, 'Ring');
    for (const page of pages) {
      await page.getByText('Topology: Ring').waitFor();
      await waitForFramesAdvancing(page, 2);
      expect(await taggedVideos(page)).toBe(3);
    }
    // A ring of three is a triangle: everyone direct again.
    await cy.getByRole('figure', { name: 'Bo' }).getByText('direct').waitFor();
  });
});
