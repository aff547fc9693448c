// End-to-end encryption across engines: Firefox ESR and Chromium both run the frame transforms
// in a worker (RTCRtpScriptTransform) and open each other's frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeEveryone } from './drivers/call';
import type { BrowserDriver, PageDriver } from './drivers/PageDriver';
import { playwrightBrowser } from './drivers/playwrightDriver';
import { puppeteerBrowser } from './drivers/puppeteerDriver';
import { fill, pick, press, SEE_TIMEOUT_MS } from './drivers/tools';
import { type Stack, startStack } from './harness';
import { launchFirefox } from './stack.mjs';

const ROOM = 'e2e-e2ee-firefox';

interface Counts {
  encrypted: number;
  decrypted: Record<string, number>;
}
type DiagnosticsWindow = {
  meshworkDiagnostics: { selfId(): string | null; frameCounts(): Counts | null };
};

async function join(browser: BrowserDriver, baseUrl: string, name: string): Promise<PageDriver> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/r/${ROOM}?quality=low&diagnostics=1`);
  await fill(page, 'Your name', name);
  await pick(page, { role: 'any', name: 'Your camera preview' });
  await press(page, 'Join');
  return page;
}

const counts = (page: PageDriver) =>
  page.evaluate(
    () => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.frameCounts(),
    null,
  );
const selfId = (page: PageDriver) =>
  page.evaluate(
    () => (window as unknown as DiagnosticsWindow).meshworkDiagnostics.selfId() as string,
    null,
  );

describe('end-to-end encryption in Firefox ESR', () => {
  let stack: Stack;
  let firefox: BrowserDriver;

  beforeAll(async () => {
    stack = await startStack();
    firefox = await puppeteerBrowser(await launchFirefox());
  });
  afterAll(async () => {
    await firefox?.close();
    await stack?.close();
  });

  it('[P31] a Chromium page and a Firefox page decrypt each other’s frames and decode them', async () => {
    const ana = await join(playwrightBrowser(stack.browser), stack.baseUrl, 'Ana');
    const bo = await join(firefox, stack.baseUrl, 'Bo');
    for (const page of [ana, bo]) {
      await page.waitFor(
        () => document.querySelectorAll('figure[data-origin]').length === 2,
        null,
        SEE_TIMEOUT_MS,
      );
    }
    const [anaId, boId] = [await selfId(ana), await selfId(bo)];
    await press(ana, 'Settings');
    await ana.click('#e2ee-setting-toggle');
    await ana.waitFor(
      () => document.querySelector<HTMLInputElement>('#e2ee-setting-toggle')?.checked === true,
      null,
      SEE_TIMEOUT_MS,
    );
    await press(ana, 'Close settings');
    for (const [page, other] of [
      [ana, boId],
      [bo, anaId],
    ] as const) {
      try {
        await expect
          .poll(
            async () => {
              const c = await counts(page);
              return (c?.encrypted ?? 0) > 30 && (c?.decrypted[other] ?? 0) > 30;
            },
            { timeout: 60_000, interval: 500 },
          )
          .toBe(true);
      } catch (error) {
        const seen = {
          [page.browser]: await counts(page),
          other: await counts(page === ana ? bo : ana),
        };
        throw new Error(`frames did not open: ${JSON.stringify(seen)}`, { cause: error });
      }
      await page.waitFor(
        () => document.querySelector('[data-e2ee="encrypted"]') !== null,
        null,
        SEE_TIMEOUT_MS,
      );
      // The other's tile shows what was decrypted: its picture keeps changing (Firefox counts no
      // painted frames in headless mode, so the pixels are read).
      await seeEveryone(page, [page === ana ? 'Bo' : 'Ana']);
    }
  });
});
