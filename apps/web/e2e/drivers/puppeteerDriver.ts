import type { Browser, Page } from 'puppeteer-core';
import { ConsoleTail } from './ConsoleTail';
import type { BrowserDriver, PageDriver } from './PageDriver';

/** Bounds one page action: Puppeteer's clicks and evaluations have no timeout of their own. */
const ACTION_TIMEOUT_MS = 30_000;

async function bounded<T>(what: string, action: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`firefox: ${what} took over ${ACTION_TIMEOUT_MS} ms`)),
      ACTION_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([action, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A Puppeteer page (Firefox over WebDriver BiDi) as a PageDriver. */
export function puppeteerPage(page: Page): PageDriver {
  const element = async (selector: string) => {
    const handle = await page.waitForSelector(selector, { timeout: 30_000 });
    if (handle === null) throw new Error(`no element matches ${selector}`);
    return handle;
  };
  const tail = new ConsoleTail();
  page.on('console', (m) => {
    if (m.type() === 'warn' || m.type() === 'error') tail.push(m.text());
  });
  return {
    browser: 'firefox',
    recentConsole: () => tail.lines(),
    async goto(url) {
      await page.goto(url);
    },
    evaluate: (fn, arg) => bounded('evaluate', page.evaluate(fn as never, arg)) as never,
    async waitFor(fn, arg, timeoutMs) {
      await page.waitForFunction(fn as never, { timeout: timeoutMs, polling: 250 }, arg);
    },
    async click(selector) {
      // A real mouse click at the element's centre. Not ElementHandle.click(): it waits for
      // animation frames to see the element still, which a loaded headless Firefox throttles
      // for tens of seconds.
      await element(selector);
      const point = await bounded(
        `locate ${selector}`,
        page.evaluate((selector) => {
          const el = document.querySelector(selector);
          if (!el) return null;
          el.scrollIntoView({ block: 'center', inline: 'center' });
          const box = el.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        }, selector),
      );
      if (point === null) throw new Error(`no element matches ${selector}`);
      await bounded(`click ${selector}`, page.mouse.click(point.x, point.y));
    },
    async type(selector, text) {
      const input = await element(selector);
      await bounded(
        `focus ${selector}`,
        input.evaluate((el) => {
          (el as HTMLInputElement).focus();
          (el as HTMLInputElement).select();
        }),
      );
      await bounded(`type into ${selector}`, page.keyboard.type(text));
    },
    async select(selector, value) {
      await element(selector);
      await bounded(`select in ${selector}`, page.select(selector, value));
    },
    async upload(selector, path) {
      const input = await element(selector);
      await bounded(
        `upload into ${selector}`,
        (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path),
      );
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
    async newPage(init) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      if (init) await page.evaluateOnNewDocument(init);
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
