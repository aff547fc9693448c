import { fileURLToPath } from 'node:url';
import type { Topology } from '@meshwork/protocol';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../browser/harness';
import { buildBenchPage } from '../browser/pageBundle';
import { measureWindow, untilAllDecode, type WindowFigures } from './measure';
import type { UplinkStartOptions } from './page/api';
import { UplinkPage } from './UplinkPage';

/** Camera of the uplink and CPU benchmarks: Chromium's fake camera and microphone, 320x180 at 15 fps. */
export const UPLINK_CAMERA: Omit<UplinkStartOptions, 'uplinkKbps'> = {
  width: 320,
  height: 180,
  fps: 15,
  audio: true,
};
/** After every page decodes every other: time for congestion control to ramp up. */
export const SETTLE_MS = 5_000;
/** The measured window. */
export const WINDOW_MS = 6_000;
/** Longest a room may take to form on a loaded machine. */
export const FORM_TIMEOUT_MS = 120_000;

/** Builds the uplink bench page; the signal app serves the returned folder. */
export function buildUplinkPage(): Promise<string> {
  return buildBenchPage(fileURLToPath(new URL('./page/peer.ts', import.meta.url)));
}

/**
 * The project's Chromium flags, without the spare renderer Chromium keeps warm: each page's
 * renderer is then the one process that appears when it opens, so its CPU can be read by pid.
 */
export function chromiumFlags(): string[] {
  const features = CHROMIUM_FLAGS.filter((f) => f.startsWith('--disable-features='))
    .map((f) => f.slice('--disable-features='.length))
    .concat('SpareRendererForSitePerProcess');
  return [
    ...CHROMIUM_FLAGS.filter((f) => !f.startsWith('--disable-features=')),
    `--disable-features=${features.join(',')}`,
  ];
}

/** Headless Chromium for the uplink and CPU benchmarks. */
export function launchUplinkBrowser(executablePath = CHROMIUM_PATH, extra: string[] = []) {
  return chromium.launch({ executablePath, headless: true, args: [...chromiumFlags(), ...extra] });
}

let roomSeq = 0;

/** What a run may change from the uplink bench's defaults. */
export interface RoomTiming {
  camera?: Omit<UplinkStartOptions, 'uplinkKbps'>;
  settleMs?: number;
  windowMs?: number;
  formTimeoutMs?: number;
}

/**
 * Opens `n` pages one by one (each its own context and renderer), joins them in order (the first
 * sets the topology: new rooms are Automatic, so even a mesh is asked for), waits until all
 * decode all, lets the rates settle and measures a window.
 */
export async function runRoom(
  browser: Browser,
  url: string,
  topology: Topology,
  n: number,
  uplinkKbps: number | null,
  onReady?: (pages: readonly UplinkPage[]) => Promise<void>,
  timing: RoomTiming = {},
): Promise<WindowFigures> {
  roomSeq += 1;
  const roomId = `uplink-${topology}-${n}-${process.pid}-${roomSeq}`;
  const camera = timing.camera ?? UPLINK_CAMERA;
  const pages: UplinkPage[] = [];
  try {
    for (let i = 0; i < n; i++) {
      pages.push(await UplinkPage.open(browser, url, i, { ...camera, uplinkKbps }));
    }
    for (const [i, p] of pages.entries()) {
      await p.join(roomId);
      if (i === 0) await p.setTopology(topology);
    }
    await untilAllDecode(pages, timing.formTimeoutMs ?? FORM_TIMEOUT_MS);
    await onReady?.(pages);
    await new Promise((r) => setTimeout(r, timing.settleMs ?? SETTLE_MS));
    return await measureWindow(pages, topology, timing.windowMs ?? WINDOW_MS);
  } finally {
    await Promise.all(pages.map((p) => p.close()));
  }
}
