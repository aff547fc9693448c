import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack, waitForFramesAdvancing } from './harness';

const ROOM = 'e2e-lobby-room';

/** Frames this page's <video>s have decoded, all tiles together (a waiter must have none). */
function decodedFrames(page: Page): Promise<number> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLVideoElement>('video')]
      .filter((v) => !v.muted)
      .reduce((sum, v) => sum + v.getVideoPlaybackQuality().totalVideoFrames, 0),
  );
}

describe('lobby', () => {
  let stack: Stack;
  let ana: Page;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P25] the host turns the lobby on, hears who asks, and lets them in; the newcomer sees nothing of the room until then', async () => {
    ana = await joinAs(stack, ROOM, 'Ana');
    await ana.getByRole('figure', { name: 'Ana', exact: true }).waitFor();
    await ana.getByRole('button', { name: 'Settings' }).click();
    await ana.getByRole('checkbox', { name: /^Lobby/ }).click();
    await expect.poll(() => ana.getByRole('checkbox', { name: /^Lobby/ }).isChecked()).toBe(true);
    await ana.getByRole('button', { name: 'Close settings' }).click();

    // Ana is on a phone now: the header wraps, and toasts must start below it.
    await ana.setViewportSize({ width: 390, height: 844 });
    const bo = await joinAs(stack, ROOM, 'Bo');
    await bo.getByRole('heading', { name: 'Waiting for the host to let you in' }).waitFor();
    // The host is told with a toast, and the people button counts who waits.
    const toast = ana.locator('.toast').filter({ hasText: 'Bo is asking to join' });
    await toast.waitFor();
    const header = await ana.locator('.call-header').boundingBox();
    const box = await toast.boundingBox();
    expect(header && box && box.y >= header.y + header.height).toBe(true);
    await ana.getByRole('button', { name: 'Participants (1 waiting to join)' }).click();
    const lobby = ana.getByRole('list', { name: 'Waiting to join' });
    await lobby.getByRole('listitem').filter({ hasText: 'Bo' }).waitFor();
    // Waiting, Bo has no tiles, no people and no media of the room.
    expect(await bo.locator('figure').count()).toBe(0);
    expect(await decodedFrames(bo)).toBe(0);
    expect(await ana.getByRole('figure', { name: 'Bo', exact: true }).count()).toBe(0);

    await ana.getByRole('button', { name: 'Let Bo in' }).click();
    await bo.getByRole('figure', { name: 'Ana', exact: true }).waitFor();
    await ana.getByRole('figure', { name: 'Bo', exact: true }).waitFor();
    await lobby.waitFor({ state: 'detached' });
    // Real media both ways once in.
    await waitForFramesAdvancing(bo, 1);
    await waitForFramesAdvancing(ana, 1);
  });

  it('[P25] the host turns a newcomer away: they are told with the code, and never see the room', async () => {
    const cy = await joinAs(stack, ROOM, 'Cy');
    await cy.getByRole('heading', { name: 'Waiting for the host to let you in' }).waitFor();
    await ana.getByRole('button', { name: 'Turn Cy away' }).click();
    await cy.getByText('The host did not let you in.').waitFor();
    expect(await cy.locator('figure[data-origin]').count()).toBeLessThanOrEqual(1);
    expect(await decodedFrames(cy)).toBe(0);
    expect(await ana.getByRole('figure', { name: 'Cy', exact: true }).count()).toBe(0);
    await ana.getByRole('list', { name: 'Waiting to join' }).waitFor({ state: 'detached' });
  });
});
