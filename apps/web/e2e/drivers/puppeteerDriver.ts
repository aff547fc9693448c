import type { Browser, Page } from 'puppeteer-core';
import type { BrowserDriver, PageDriver } from './PageDriver';

/** A Puppeteer page (Firefox over WebDriver BiDi) as a PageDriver. */
export function puppeteerPage(page: Page): PageDriver {
  const element = async (selector: string) => {
    const handle = await page.waitForSelector(selector, { timeout: 30_000 });
    if (handle === null) throw new Error(`no element matches ${selector}`);
    return handle;
  };
  return {
    browser: 'firefox',
    async goto(url) {
      await page.goto(url);
    },
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async waitFor(fn, arg, timeoutMs) {
      await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 250 }, arg);
    },
    async click(selector) {
      await (await element(selector)).click();
    },
    async type(selector, text) {
      const input = await element(selector);
      await input.click({ count: 3 });
      await page.keyboard.press('Backspace');
      await input.type(text);
    },
    async select(selector, value) {
      await element(selector);
      await page.select(selector, value);
    },
    async upload(selector, path) {
      const input = await element(selector);
      await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
    },
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
    async close() {
      await page.browserContext().close();
    },
  };
}

/** A Puppeteer Firefox as a BrowserDriver: one browser context per page. */
export async function puppeteerBrowser(browser: Browser): Promise<BrowserDriver> {
  const version = await browser.version();
  return {
    name: 'firefox',
    version,
    async newPage() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ width: 1000, height: 680 });
      if (process.env.E2E_CONSOLE) {
        page.on('console', (m) => {
          if (m.type() === 'warn' || m.type() === 'error') {
            void Promise.all(m.args().map((a) => a.jsonValue().catch(() => '?'))).then((args) =>
              console.warn(`[firefox] ${JSON.stringify(args)}`),
            );
          }
        });
      }
      return puppeteerPage(page);
    },
    close: () => browser.close(),
  };
}
