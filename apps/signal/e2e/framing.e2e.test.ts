/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from '@meshwork/kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The web app's e2e launcher, by path: a workspace dependency on the web app would make a cycle
// (web -> client -> signal), and the launch flags must stay one list.
import { launchChromium } from '../../web/e2e/stack.mjs';
import { startServer, type TestServer } from '../src/testing/harness';

// [P19] The page's framing and CSP rules, in a real browser against the real built web app.
// Chromium is launched the way the web app's e2e tests launch it (TESTING.md's flags).

const here = dirname(fileURLToPath(import.meta.url));
const webApp = resolve(here, '../../web');
const webRoot = resolve(webApp, 'dist');

let browser: Browser;
let attacker: Server;
let attackerOrigin: string;

/** A page on another origin that frames `target` and says when the frame has loaded. */
function framingPage(target: string): string {
  return `<!doctype html><title>elsewhere</title>
<iframe id="f" src="${target}" width="800" height="600"
  onload="window.frameLoaded = true"></iframe>`;
}

beforeAll(async () => {
  if (!existsSync(resolve(webRoot, 'index.html'))) {
    throw new Error('build the web app first: pnpm --filter @meshwork/web build');
  }
  browser = await launchChromium();
  let target = '';
  attacker = createServer((req, res) => {
    if (req.url?.startsWith('/set?')) {
      target = new URL(req.url, 'http://x').searchParams.get('target') ?? '';
      res.end('ok');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(framingPage(target));
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (attacker ? attacker.close(() => done()) : done()));
});

/** The signal app serving the built web app on localhost, another origin than the attacker. */
async function signalApp(frameAncestors?: string[]): Promise<{ s: TestServer; base: string }> {
  const s = await startServer({
    config: { webRoot, ...(frameAncestors ? { frameAncestors } : {}) },
  });
  return { s, base: s.url.replace('127.0.0.1', 'localhost') };
}

/** Opens the attacker's page framing `target`; returns what the frame did. */
async function frameFromElsewhere(target: string) {
  await fetch(`${attackerOrigin}/set?target=${encodeURIComponent(target)}`);
  const page = await browser.newPage();
  const assets: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/assets/')) assets.push(req.url());
  });
  await page.goto(`${attackerOrigin}/`);
  await page.waitForFunction(() => (window as { frameLoaded?: boolean }).frameLoaded === true);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const result = { frameUrl: frame?.url() ?? '', assets };
  await page.close();
  return result;
}

describe('[P19] the call page in a browser', () => {
  it('[P19] refuses to be framed by another site: no app code runs and no socket opens', async () => {
    const { s, base } = await signalApp();
    const framed = await frameFromElsewhere(`${base}/r/victim-room`);
    expect(framed.frameUrl).not.toContain('/r/victim-room');
    expect(framed.assets).toEqual([]);
    expect(s.signal.io.engine.clientsCount).toBe(0);
    await s.close();
  });

  it('[P19] lets an origin listed in FRAME_ANCESTORS frame it (the check is what blocks)', async () => {
    const { s, base } = await signalApp(["'self'", attackerOrigin]);
    const framed = await frameFromElsewhere(`${base}/r/intranet-room`);
    expect(framed.frameUrl).toBe(`${base}/r/intranet-room`);
    expect(framed.assets.length).toBeGreaterThan(0);
    await s.close();
  });

  it('[P19] runs the built app under its CSP with no violation: styles, camera preview, socket', async () => {
    const { s, base } = await signalApp();
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(`${base}/r/csp-room`);
    // The app rendered: React mounted into #root, its stylesheet applied.
    await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
    const styled = await page
      .mainFrame()
      .evaluate(() => document.styleSheets.length > 0 && document.styleSheets[0]?.cssRules.length);
    expect(styled).toBeTruthy();
    // The camera preview (a MediaStream in a <video>) and the socket to the page's own host.
    await page.getByLabel('Your name').fill('Csp');
    await page.getByLabel('Your camera preview').waitFor();
    await page.getByRole('button', { name: 'Join' }).click();
    await until(() => s.signal.io.engine.clientsCount > 0, { what: 'the page socket' });
    expect(violations).toEqual([]);
    await page.close();
    await s.close();
  });
});
