import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  joinAs,
  type Stack,
  screenshot,
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

/**
 * Saves the call view, then the same view with the participants panel open (the topology
 * picture), to e2e-screenshots/ for a person to look at.
 */
async function screenshots(page: Page, topology: 'Full mesh' | 'Star' | 'Ring'): Promise<void> {
  const slug = topology === 'Full mesh' ? 'mesh' : topology.toLowerCase();
  await screenshot(page, `call-${slug}`);
  const controls = page.getByRole('navigation', { name: 'Call controls' });
  await controls.getByRole('button', { name: 'Participants' }).click();
  await page.getByRole('img', { name: `${topology} topology of 3 peers` }).waitFor();
  await screenshot(page, `participants-${slug}`);
  await controls.getByRole('button', { name: 'Close participants' }).click();
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
      await expect
        .poll(() => page.getByText(/^Topology: Automatic · Mesh: 3 people/).count())
        .toBe(1);
      await waitForFramesAdvancing(page, 2);
      expect(await tagVideos(page)).toBe(3);
    }
    const [ana, bo, cy] = pages as [Page, Page, Page];
    await screenshots(cy, 'Full mesh');
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
    await screenshots(cy, 'Star');

    await switchTopology(ana, 'Ring');
    for (const page of pages) {
      await page.getByText(/^Topology: Ring/).waitFor();
      await waitForFramesAdvancing(page, 2);
      expect(await taggedVideos(page)).toBe(3);
    }
    // A ring of three is a triangle: everyone direct again.
    await cy.getByRole('figure', { name: 'Bo' }).getByText('direct').waitFor();
    await screenshots(cy, 'Ring');
  });

  it('chats as text, sends a verified file, and announces someone leaving', async () => {
    const [ana, bo, cy] = pages as [Page, Page, Page];
    await ana.getByRole('button', { name: 'Open chat' }).click();
    await ana.getByLabel('Message', { exact: true }).fill('<b>hello</b> from Ana');
    await ana.getByRole('button', { name: 'Send', exact: true }).click();
    await bo.getByRole('button', { name: /Open chat/ }).click();
    await bo.getByText('<b>hello</b> from Ana').waitFor();
    expect(await bo.locator('.chat-log b').count()).toBe(0);

    const content = 'Meshwork file transfer, verified end to end.\n'.repeat(2000);
    await ana.getByRole('button', { name: 'Send a file' }).click();
    await ana.getByLabel('Choose a file to send to the room').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(content),
    });
    await cy.getByRole('button', { name: 'Send a file' }).click();
    const save = cy.getByRole('button', { name: 'Download notes.txt' });
    await save.waitFor();
    expect(await cy.getByText(/verified \(SHA-256/).count()).toBe(1);
    // Saved as a download (the page never renders it), and the object URL revoked right after
    // the click still yields the whole file.
    const [download] = await Promise.all([cy.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe('notes.txt');
    expect(await readFile(await download.path(), 'utf8')).toBe(content);
    await cy.getByText('Saved', { exact: true }).waitFor();

    await cy.getByRole('button', { name: 'Leave' }).click();
    await cy.getByText('You left the room').waitFor();
    for (const page of [ana, bo]) {
      await page.getByRole('status').getByText('Cy left').waitFor();
      await expect.poll(() => page.getByRole('figure').count()).toBe(2);
    }
  });
});
