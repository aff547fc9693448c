// One peer's uplink rate-limited: a mesh, star and ring of 4 Chromium pages on a real network
// (netlab: the limited peer alone in one host namespace, the other three in another, the signal
// app on the switch). Each room is measured three times: as is; with the limited peer's device
// held to LIMIT_KBIT by `tc tbf` (its budget still the default 2.5 Mbit/s); and with that peer's
// budget set to what its link carries. Prints what each peer sends and the picture each receiver
// gets from the limited peer and from the others; adds `uplinkThrottled` to latest.json.
// `pnpm --filter @meshwork/bench bench:uplink-throttled` (root: it makes namespaces).
import { chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Network } from '@meshwork/netlab';
import type { Topology } from '@meshwork/protocol';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../browser/harness';
import { mergeResults } from '../lib/mergeResults';
import { median, round } from '../lib/stats';
import { enterLoopbackNamespace } from '../netns';
import { measureWindow, untilAllDecode, type WindowFigures } from './measure';
import { buildUplinkPage, FORM_TIMEOUT_MS, launchUplinkBrowser, UPLINK_CAMERA } from './runRoom';
import { UplinkPage } from './UplinkPage';

/** The limited peer's uplink, kbit/s (tc tbf on its device). */
export const LIMIT_KBIT = 300;
/** The budget that limited peer then sets: what its link carries, less a margin. */
export const MATCHED_BUDGET_KBPS = 250;
const PORT = 8080;
const SETTLE_MS = 8_000;
const WINDOW_MS = 6_000;
const TSX = fileURLToPath(new URL('../../../apps/signal/node_modules/.bin/tsx', import.meta.url));
const SIGNAL_MAIN = fileURLToPath(new URL('../../../apps/signal/src/main.ts', import.meta.url));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Chromium started inside namespace `ns` (Playwright talks to it over inherited pipes). */
function browserIn(ns: string, origin: string): Promise<Browser> {
  const wrapper = join(tmpdir(), `meshwork-chromium-${ns}.sh`);
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM_PATH} "$@"\n`);
  chmodSync(wrapper, 0o755);
  // Pages load from the switch's address: let that origin use the camera like localhost.
  return launchUplinkBrowser(wrapper, [`--unsafely-treat-insecure-origin-as-secure=${origin}`]);
}

/** The limited peer's row and the others', as the report prints them. */
function summary(w: WindowFigures) {
  const limited = w.peers[0];
  const others = w.peers.slice(1);
  const fromLimited = w.pictures.filter((p) => p.origin === 0);
  const amongOthers = w.pictures.filter((p) => p.origin !== 0 && p.receiver !== 0);
  const toLimited = w.pictures.filter((p) => p.receiver === 0);
  const pic = (ps: typeof w.pictures) => ({
    medianHeight: ps.length ? median(ps.map((p) => p.height)) : 0,
    medianFps: ps.length ? round(median(ps.map((p) => p.fps)), 1) : 0,
    minFps: ps.length ? Math.min(...ps.map((p) => p.fps)) : 0,
  });
  return {
    limitedUpKbps: limited?.upKbps ?? 0,
    limitedBy: limited?.limitedBy ?? {},
    othersUpKbps: others.map((p) => p.upKbps),
    fromLimited: pic(fromLimited),
    amongOthers: pic(amongOthers),
    toLimited: pic(toLimited),
  };
}

function print(label: string, s: ReturnType<typeof summary>): void {
  const p = (x: { medianHeight: number; medianFps: number; minFps: number }) =>
    `${x.medianHeight}p ${x.medianFps} fps (min ${x.minFps})`;
  console.info(
    `  ${label}: limited peer sends ${s.limitedUpKbps} kbit/s (${JSON.stringify(s.limitedBy)}), ` +
      `others ${s.othersUpKbps.join('/')}; from it: ${p(s.fromLimited)}; among the others: ` +
      `${p(s.amongOthers)}; to it: ${p(s.toLimited)}`,
  );
}

async function room(
  limitedBrowser: Browser,
  othersBrowser: Browser,
  url: string,
  net: Network,
  topology: Topology,
) {
  const roomId = `throttled-${topology}-${process.pid}`;
  const pages: UplinkPage[] = [];
  const host = net.hosts[0];
  if (!host) throw new Error('no host');
  try {
    pages.push(
      await UplinkPage.open(limitedBrowser, url, 0, { ...UPLINK_CAMERA, uplinkKbps: null }),
    );
    for (let i = 1; i < 4; i++) {
      pages.push(
        await UplinkPage.open(othersBrowser, url, i, { ...UPLINK_CAMERA, uplinkKbps: null }),
      );
    }
    // The limited peer joins last: in a star the first (the hub) is one of the others.
    for (const p of [...pages.slice(1), pages[0] as UplinkPage]) {
      await p.join(roomId);
      if (p.index === 1 && topology !== 'mesh') await p.setTopology(topology);
    }
    await untilAllDecode(pages, FORM_TIMEOUT_MS);
    await sleep(SETTLE_MS);
    const free = summary(await measureWindow(pages, topology, WINDOW_MS));
    await net.rate(host, LIMIT_KBIT);
    await sleep(SETTLE_MS);
    const limited = summary(await measureWindow(pages, topology, WINDOW_MS));
    await pages[0]?.setUplinkBudget(MATCHED_BUDGET_KBPS);
    await sleep(SETTLE_MS);
    const matched = summary(await measureWindow(pages, topology, WINDOW_MS));
    console.info(`\n${topology} of 4, peer 0 limited to ${LIMIT_KBIT} kbit/s up:`);
    print('no limit', free);
    print(`limited, budget 2500`, limited);
    print(`limited, budget ${MATCHED_BUDGET_KBPS}`, matched);
    return { free, limited, matched };
  } finally {
    await Promise.all(pages.map((p) => p.close()));
    await net.rate(host, 0).catch(() => {});
  }
}

async function main(): Promise<void> {
  enterLoopbackNamespace();
  const webRoot = await buildUplinkPage();
  const net = await Network.create({ hosts: 2 });
  const origin = `http://${net.switchAddress}:${PORT}`;
  const browsers: Browser[] = [];
  try {
    net.spawn(net.switchNs, [TSX, SIGNAL_MAIN], {
      env: {
        ...process.env,
        PORT: String(PORT),
        HOST: net.switchAddress,
        LOG_LEVEL: 'warn',
        WEB_ROOT: webRoot,
        RESUME_SECRET: 'uplink-throttled-bench-resume-secret',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const [a, b] = net.hosts;
    if (!a || !b) throw new Error('two hosts expected');
    browsers.push(await browserIn(a.ns, origin), await browserIn(b.ns, origin));
    const [limitedBrowser, othersBrowser] = browsers as [Browser, Browser];
    await waitForSignal(othersBrowser, origin);
    const results: Record<string, unknown> = {};
    const only = process.argv.find((a) => a.startsWith('--topologies='))?.slice(13);
    const topologies = (only?.split(',') ?? ['mesh', 'star', 'ring']) as Topology[];
    for (const topology of topologies) {
      results[topology] = await room(
        limitedBrowser,
        othersBrowser,
        `${origin}/`,
        net,
        topology,
      ).catch((err: unknown) => {
        console.warn(`\n${topology}: not measured: ${String(err)}`);
        return { error: String(err) };
      });
    }
    mergeResults('uplinkThrottled', {
      date: new Date().toISOString(),
      limitKbit: LIMIT_KBIT,
      matchedBudgetKbps: MATCHED_BUDGET_KBPS,
      camera: UPLINK_CAMERA,
      ...results,
    });
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    await net.close();
  }
}

/** Polls the signal app's health from inside a host namespace (the bench's own cannot reach it). */
async function waitForSignal(browser: Browser, origin: string): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const res = await page.goto(`${origin}/healthz`).catch(() => null);
      if (res?.ok()) return;
      if (Date.now() > deadline) throw new Error('the signal app did not become healthy');
      await sleep(250);
    }
  } finally {
    await context.close();
  }
}

await main();
