import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';

/** Waits for the page's one iframe to finish loading (blocked or not) and returns its frame. */
async function framed(page: Page, src: string): Promise<Frame> {
  await page.evaluate(
    (src) =>
      new Promise<void>((done) => {
        const frame = document.createElement('iframe');
        frame.addEventListener('load', () => done(), { once: true });
        frame.src = src;
        document.body.append(frame);
      }),
    src,
  );
  const frame = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) throw new Error('no iframe');
  return frame;
}

describe('framing the call page', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P19] another site cannot frame the room page; the app itself still can', async () => {
    const room = `${stack.baseUrl}/r/e2e-framing-room`;
    const context = await stack.browser.newContext();

    // Another origin on loopback (a public one would be stopped by Chromium's private-network
    // rules before the CSP is even asked): 127.0.0.1 is not the app's localhost origin.
    const evil = await context.newPage();
    await evil.goto(`${stack.baseUrl.replace('localhost', '127.0.0.1')}/healthz`);
    const blocked = await framed(evil, room);
    // Chromium replaces a refused frame with its error page: no app, no camera prompt.
    expect(blocked.url()).not.toBe(room);
    expect(await blocked.getByRole('button', { name: 'Join' }).count()).toBe(0);

    // The control: the same check sees the app when its own origin frames it.
    const own = await context.newPage();
    await own.goto(`${stack.baseUrl}/`);
    const allowed = await framed(own, room);
    await allowed.getByRole('button', { name: 'Join' }).waitFor();
    expect(allowed.url()).toBe(room);
    await context.close();
  });
});
