import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, startSignalApp } from './stack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, '..');
const signalRoot = resolve(webRoot, '../signal');
/** Where screenshots of the call go (git-ignored); look at them after a run. */
export const SCREENSHOT_DIR = resolve(webRoot, 'e2e-screenshots');

/** A running signal app serving the freshly built web app. */
export interface Stack {
  baseUrl: string;
  browser: Browser;
  /** Stops the signal app (SIGTERM) and resolves once it has exited; the browser stays. */
  stopSignal(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Builds the web app, starts the signal app on a free loopback port (its source through tsx,
 * or MESHWORK_SIGNAL_ENTRY run by node), and launches Chromium with fake media (`yieldToHub`:
 * at a lower priority than a media hub beside it, stack.mjs).
 */
export async function startStack(
  options: { env?: Record<string, string>; yieldToHub?: boolean } = {},
): Promise<Stack> {
  // Vitest runs with NODE_ENV=test, which would make Vite ship React's development build: test
  // (and leave in dist/) what people get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: webRoot, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const entry = process.env.MESHWORK_SIGNAL_ENTRY;
  const { baseUrl, child: signal } = await startSignalApp({
    command: entry ? 'node' : resolve(signalRoot, 'node_modules/.bin/tsx'),
    args: entry ? [entry] : [resolve(signalRoot, 'src/main.ts')],
    webRoot: resolve(webRoot, 'dist'),
    resumeSecret: 'e2e-resume-secret-0123456789',
    env: options.env ?? {},
  });
  const browser = await launchChromium({ yieldToHub: options.yieldToHub ?? false });
  const stopSignal = async () => {
    if (signal.exitCode !== null || signal.signalCode !== null) return;
    const exited = once(signal, 'exit');
    signal.kill('SIGTERM');
    await exited;
  };
  return {
    baseUrl,
    browser,
    stopSignal,
    async close() {
      await browser.close();
      await stopSignal();
    },
  };
}

/**
 * Opens a room's invite link as a new person (own context: own storage and camera) and joins.
 * `prepare` runs on the page before it loads (a hostile peer's init script, say).
 */
export async function joinAs(
  stack: Stack,
  room: string,
  name: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const context = await stack.browser.newContext({ viewport: { width: 1000, height: 680 } });
  const page = await context.newPage();
  await prepare?.(page);
  await page.goto(`${stack.baseUrl}/r/${room}?quality=low`);
  await page.getByLabel('Your name').fill(name);
  await joinWhenPreviewed(page);
  return page;
}

/** Clicks Join once the camera preview shows, as a person would after seeing themselves. */
export async function joinWhenPreviewed(page: Page): Promise<void> {
  await page.getByLabel('Your camera preview').waitFor();
  await page.getByRole('button', { name: 'Join' }).click();
}

/** Saves what the page shows to e2e-screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

/** Frames decoded so far by each remote tile's <video>, keyed by the tile's origin. */
export function remoteFrames(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const video of document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video')) {
      if (video.muted) continue; // the person's own preview
      const origin = video.closest('figure')?.getAttribute('data-origin') ?? '?';
      out[origin] = video.getVideoPlaybackQuality().totalVideoFrames;
    }
    return out;
  });
}

/**
 * Waits until every remote tile has decoded `more` frames beyond now (and `count` tiles exist).
 * A tile given a new stream meanwhile (a reroute) counts from 0: the element's count starts over.
 */
export async function waitForFramesAdvancing(page: Page, count: number, more = 10): Promise<void> {
  const since = await page.evaluate(() => {
    const w = window as unknown as { e2eStreamsSince?: WeakMap<HTMLVideoElement, unknown> };
    w.e2eStreamsSince = new WeakMap();
    const out: Record<string, number> = {};
    for (const video of document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video')) {
      if (video.muted) continue;
      w.e2eStreamsSince.set(video, video.srcObject);
      const origin = video.closest('figure')?.getAttribute('data-origin') ?? '?';
      out[origin] = video.getVideoPlaybackQuality().totalVideoFrames;
    }
    return out;
  });
  const waiting = page.waitForFunction(
    ({ since, count, more }) => {
      const w = window as unknown as { e2eStreamsSince?: WeakMap<HTMLVideoElement, unknown> };
      const videos = [
        ...document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video'),
      ].filter((v) => !v.muted);
      if (videos.length !== count) return false;
      return videos.every((v) => {
        const origin = v.closest('figure')?.getAttribute('data-origin') ?? '?';
        const sameStream = w.e2eStreamsSince?.get(v) === v.srcObject;
        const base = sameStream ? (since[origin] ?? 0) : 0;
        return v.getVideoPlaybackQuality().totalVideoFrames >= base + more;
      });
    },
    { since, count, more },
    { timeout: 30_000 },
  );
  try {
    await waiting;
  } catch (error) {
    const now = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLVideoElement>('figure[data-origin] video')].map((v) => ({
        tile: v.closest('figure')?.getAttribute('aria-label'),
        frames: v.getVideoPlaybackQuality().totalVideoFrames,
        newStream:
          (
            window as unknown as { e2eStreamsSince?: WeakMap<HTMLVideoElement, unknown> }
          ).e2eStreamsSince?.get(v) !== v.srcObject,
        paused: v.paused,
        readyState: v.readyState,
        tracks: (v.srcObject as MediaStream | null)
          ?.getTracks()
          .map((t) => `${t.kind}:${t.readyState}:${t.muted ? 'muted' : 'live'}`),
        route: v.closest('figure')?.querySelector('.tile-route')?.textContent,
      })),
    );
    const who = await page.evaluate(() => document.querySelector('.tile-name')?.textContent);
    throw new Error(
      `frames did not advance for ${who}: before ${JSON.stringify(since)}, now ${JSON.stringify(now)}`,
      { cause: error },
    );
  }
}

/** Marks every tile's <video> element, to check later that the same elements survived. */
export function tagVideos(page: Page): Promise<number> {
  return page.evaluate(() => {
    const videos = document.querySelectorAll<HTMLVideoElement & { e2eTag?: string }>(
      'figure video',
    );
    for (const v of videos) v.e2eTag = v.closest('figure')?.getAttribute('data-origin') ?? '';
    return videos.length;
  });
}

/** How many tile <video> elements still carry the mark tagVideos put on them. */
export function taggedVideos(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLVideoElement & { e2eTag?: string }>('figure video')].filter(
        (v) => v.e2eTag === v.closest('figure')?.getAttribute('data-origin'),
      ).length,
  );
}
