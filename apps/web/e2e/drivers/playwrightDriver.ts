import type { Browser, Page } from 'playwright-core';
import { ConsoleTail } from './ConsoleTail';
import type { BrowserDriver, PageDriver } from './PageDriver';

/** A Playwright page as a PageDriver. */
export function playwrightPage(page: Page): PageDriver {
  const tail = new ConsoleTail();
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') tail.push(m.text());
  });
  return {
    browser: 'chromium',
    recentConsole: () => tail.lines(),
    async goto(url) {
      await page.goto(url);
    },
    // The drivers pass plain JSON arguments, which Playwright's unboxing leaves as they are.
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    async waitFor(fn, arg, timeoutMs) {
      await page.waitForFunction(fn as never, arg, { timeout: timeoutMs, polling: 250 });
    },
    click: (selector) => page.locator(selector).first().click(),
    type: (selector, text) => page.locator(selector).first().fill(text),
    async select(selector, value) {
      await page.locator(selector).first().selectOption(value);
    },
    upload: (selector, path) => page.locator(selector).first().setInputFiles(path),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => page.context().close(),
  };
}

/** A Playwright Chromium as a BrowserDriver: one context per page. */
export function playwrightBrowser(browser: Browser): BrowserDriver {
  return {
    name: 'chromium',
    version: browser.version(),
    async newPage(init) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 680 } });
      if (init) await context.addInitScript(init);
      const page = await context.newPage();
      if (process.env.E2E_CONSOLE) {
        page.on('console', (m) => {
          if (m.type() === 'warning' || m.type() === 'error')
            console.warn(`[chromium] ${m.text()}`);
        });
      }
      return playwrightPage(page);
    },
    close: () => browser.close(),
  };
}
