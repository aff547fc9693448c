import { CHROMIUM_ARGS } from '@meshwork/web/e2e/stack';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { OriginFrames, PageEvent, StartOptions } from './page/api';

/** Chromium path: CHROMIUM_PATH or the Debian package's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The project's Chromium flags (TESTING.md), plus full-rate decoding in background pages. */
export const CHROMIUM_FLAGS = [
  ...CHROMIUM_ARGS,
  // Several peers share one browser; background pages must keep decoding at full rate.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Camera of the browser benchmarks: Chromium's fake camera at 320x180, 15 fps. */
export const CAMERA: Omit<StartOptions, 'index'> = {
  source: 'camera',
  width: 320,
  height: 180,
  fps: 15,
};

/** Longest any one wait in a browser benchmark may take. */
export const WAIT_TIMEOUT_MS = 30_000;
const POLL_MS = 25;

/** Starts headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** One bench page: a peer in its own browser context. */
export class PeerPage {
  selfId = '';

  private constructor(
    readonly page: Page,
    readonly index: number,
  ) {}

  /** Opens the bench page from the signal app and starts its camera. */
  static async open(
    browser: Browser,
    url: string,
    index: number,
    camera: Omit<StartOptions, 'index'> = CAMERA,
  ): Promise<PeerPage> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (err) => console.warn(`  page ${index} error: ${err.message}`));
    await page.goto(url);
    await page.waitForFunction(() => 'bench' in window, undefined, { timeout: WAIT_TIMEOUT_MS });
    const peer = new PeerPage(page, index);
    await peer.call('api.start(arg)', { ...camera, index });
    return peer;
  }

  /**
   * Evaluates `expression` in the page with `api` bound to `window.bench` and `arg` to a JSON
   * copy of `arg`. A string, not a function: functions compiled by tsx carry helpers the page
   * does not have.
   */
  call<R>(expression: string, arg: unknown = null): Promise<R> {
    const script = `(async () => { const api = window.bench; const arg = ${JSON.stringify(arg)}; return ${expression}; })()`;
    return this.page.evaluate(script) as Promise<R>;
  }

  async join(roomId: string): Promise<number> {
    const res = await this.call<{ at: number; selfId: string }>('api.join(arg.roomId, arg.name)', {
      roomId,
      name: `Peer ${this.index}`,
    });
    this.selfId = res.selfId;
    return res.at;
  }

  frames(): Promise<OriginFrames[]> {
    return this.call('api.frames()');
  }

  events(): Promise<PageEvent[]> {
    return this.call('api.events()');
  }

  async close(): Promise<void> {
    await this.call('api.leave()').catch(() => {});
    await this.page.context().close();
  }
}

/** Polls `test` until it holds; throws after `timeoutMs`. Measurement times come from pages. */
export async function waitUntil(
  what: string,
  test: () => Promise<boolean>,
  timeoutMs = WAIT_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** True when every page has decoded a frame from every other page. */
export async function allDecoding(peers: readonly PeerPage[]): Promise<boolean> {
  for (const p of peers) {
    const frames = await p.frames();
    for (const other of peers) {
      if (other === p) continue;
      const f = frames.find((x) => x.origin === other.selfId);
      if (!f || f.count === 0) return false;
    }
  }
  return true;
}
