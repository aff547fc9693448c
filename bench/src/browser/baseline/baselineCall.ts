import type { Browser, Page } from 'playwright-core';
import { round } from '../../lib/stats';
import { CAMERA, WAIT_TIMEOUT_MS, waitUntil } from '../harness';
import type { BareRelay } from './BareRelay';

/** Evaluates `expression` with `api` bound to the page's `window.baseline` (see PeerPage.call). */
function call<R>(page: Page, expression: string, arg: unknown = null): Promise<R> {
  const script = `(async () => { const api = window.baseline; const arg = ${JSON.stringify(arg)}; return ${expression}; })()`;
  return page.evaluate(script) as Promise<R>;
}

async function openBaselinePage(browser: Browser, relay: BareRelay): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => console.warn(`  baseline page error: ${err.message}`));
  await page.goto(`${relay.url}/baseline.html`);
  await page.waitForFunction(() => 'baseline' in window, undefined, { timeout: WAIT_TIMEOUT_MS });
  await call(page, 'api.start(arg)', {
    width: CAMERA.width,
    height: CAMERA.height,
    fps: CAMERA.fps,
  });
  return page;
}

/**
 * One sample of the minimal two-page call, measured as the bench measures a Meshwork mesh of
 * two: the first page waits on the relay, the second joins (opens its socket and says hello,
 * the first offers, one answer, candidates trickled), and the sample is the time from the
 * second page's join to both pages having decoded a frame of the other (times from the pages).
 */
export async function baselineFirstFrameOnce(browser: Browser, relay: BareRelay): Promise<number> {
  const [first, second] = await Promise.all([
    openBaselinePage(browser, relay),
    openBaselinePage(browser, relay),
  ]);
  try {
    const { id } = await call<{ id: string }>(first, 'api.listen()');
    const { at } = await call<{ at: number }>(second, 'api.join(arg)', id);
    const frameAt = async (page: Page) =>
      (await call<{ at: number | null }>(page, 'api.firstFrame()')).at;
    await waitUntil(
      'both baseline pages decoding the other',
      async () => (await frameAt(first)) !== null && (await frameAt(second)) !== null,
    );
    const end = Math.max((await frameAt(first)) ?? at, (await frameAt(second)) ?? at);
    return round(end - at, 1);
  } finally {
    for (const page of [first, second]) {
      await call(page, 'api.close()').catch(() => {});
      await page.context().close();
    }
  }
}
