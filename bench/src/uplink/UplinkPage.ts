import type { Topology } from '@meshwork/protocol';
import type { Browser, Page } from 'playwright-core';
import { newRenderer } from '../cpu/renderers';
import type { CameraSettings, PageSample, UplinkStartOptions } from './page/api';

/** Longest one page step (load, start, join) may take. */
export const PAGE_STEP_TIMEOUT_MS = 60_000;

/** One uplink bench page: a peer in its own browser context, so its own renderer process. */
export class UplinkPage {
  selfId = '';
  /** What its camera delivers. */
  camera: CameraSettings = { width: 0, height: 0, frameRate: 0 };

  private constructor(
    readonly page: Page,
    readonly index: number,
    /** Its renderer's pid, or null when it could not be told apart. */
    readonly pid: number | null,
  ) {}

  /** Opens the page from the signal app at `url` and starts its camera and session. */
  static async open(
    browser: Browser,
    url: string,
    index: number,
    options: UplinkStartOptions,
  ): Promise<UplinkPage> {
    const { value: page, pid } = await newRenderer(async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('pageerror', (err) => console.warn(`  page ${index} error: ${err.message}`));
      await page.goto(url);
      await page.waitForFunction(() => 'bench' in window, undefined, {
        timeout: PAGE_STEP_TIMEOUT_MS,
      });
      return page;
    });
    const peer = new UplinkPage(page, index, pid);
    peer.camera = await peer.call<CameraSettings>('api.start(arg)', options);
    return peer;
  }

  /** Evaluates `expression` with `api` = `window.bench` and `arg` = a JSON copy of `arg`. */
  call<R>(expression: string, arg: unknown = null): Promise<R> {
    const script = `(async () => { const api = window.bench; const arg = ${JSON.stringify(arg)}; return ${expression}; })()`;
    return this.page.evaluate(script) as Promise<R>;
  }

  async join(roomId: string): Promise<void> {
    const res = await this.call<{ selfId: string }>('api.join(arg.roomId, arg.name)', {
      roomId,
      name: `Peer ${this.index}`,
    });
    this.selfId = res.selfId;
  }

  setTopology(topology: Topology): Promise<number> {
    return this.call('api.setTopology(arg)', topology);
  }

  setUplinkBudget(kbps: number): Promise<void> {
    return this.call('api.setUplinkBudget(arg)', kbps);
  }

  frames(): Promise<Array<{ origin: string; count: number }>> {
    return this.call('api.frames()');
  }

  sample(): Promise<PageSample> {
    return this.call('api.sample()');
  }

  async close(): Promise<void> {
    await this.call('api.leave()').catch(() => {});
    await this.page.context().close();
  }
}
