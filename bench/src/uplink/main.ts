// Uplink per topology: kbit/s up and down per peer and the picture every receiver gets, for
// N = 2, 4, 6, 8 in mesh, star and ring (headless Chromium, fake camera and microphone at
// 320x180, 15 fps, the default 2.5 Mbit/s budget); then a mesh of 4 whose every peer has a
// 400 kbit/s budget, against it. Prints tables and adds `uplink` to bench/results/latest.json.
// `pnpm --filter @meshwork/bench bench:uplink [--ns=2,4] [--topologies=mesh]`
import { loadavg } from 'node:os';
import type { Topology } from '@meshwork/protocol';
import { TOPOLOGIES } from '../browser/benchmarks';
import { mergeResults, readResults } from '../lib/mergeResults';
import { enterLoopbackNamespace } from '../netns';
import { ServerProcess } from '../signal/ServerProcess';
import { pictureSummary, type WindowFigures } from './measure';
import { buildUplinkPage, launchUplinkBrowser, runRoom, UPLINK_CAMERA } from './runRoom';
import { writeUplinkChart } from './writeChart';

/** The budget of the budget run, kbit/s per peer. */
export const TIGHT_BUDGET_KBPS = 400;

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** One row per peer: up, down, encodings and their limit, the pictures it receives. */
export function printWindow(w: WindowFigures, budgetKbps: number): void {
  const s = pictureSummary(w.pictures);
  console.info(
    `\n${w.topology} N=${w.n} (budget ${budgetKbps} kbit/s, ${w.windowS} s window): pictures received ` +
      `min ${s.minHeight}p / median ${s.medianHeight}p, min ${s.minFps} / median ${s.medianFps} fps`,
  );
  console.info(
    'peer | up kbit/s (video) | down kbit/s | encodings | limit sum | enc ms/s | dec ms/s | cpu % | limited by',
  );
  for (const p of w.peers) {
    const limited = Object.entries(p.limitedBy)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ');
    console.info(
      `${p.index} | ${p.upKbps} (${p.videoUpKbps}) | ${p.downKbps} | ${p.encodings} | ${p.limitKbps ?? '—'} | ${p.encodeMsPerS} | ${p.decodeMsPerS} | ${p.cpuPct ?? '—'} | ${limited}`,
    );
  }
}

/** The JSON row of a window: per-peer figures and the picture summary. */
export function windowJson(w: WindowFigures) {
  return {
    upKbps: w.peers.map((p) => p.upKbps),
    videoUpKbps: w.peers.map((p) => p.videoUpKbps),
    downKbps: w.peers.map((p) => p.downKbps),
    encodings: w.peers.map((p) => p.encodings),
    limitKbps: w.peers.map((p) => p.limitKbps),
    encodeMsPerS: w.peers.map((p) => p.encodeMsPerS),
    decodeMsPerS: w.peers.map((p) => p.decodeMsPerS),
    cpuPct: w.peers.map((p) => p.cpuPct),
    pictures: pictureSummary(w.pictures),
  };
}

async function main(): Promise<void> {
  const network = enterLoopbackNamespace();
  const ns = (arg('ns') ?? '2,4,6,8').split(',').map(Number);
  const topologies = (arg('topologies')?.split(',') as Topology[] | undefined) ?? [...TOPOLOGIES];
  const webRoot = await buildUplinkPage();
  const server = await ServerProcess.start({ mode: 'meshwork', config: { webRoot } });
  const browser = await launchUplinkBrowser();
  const load = loadavg()[0] ?? 0;
  const byTopology: Record<string, Record<string, unknown>> = {};
  try {
    for (const topology of topologies) {
      for (const n of ns) {
        // A room that does not form on a loaded machine is reported as such, not fatal.
        const row = await runRoom(browser, `${server.url}/`, topology, n, null).then(
          (w) => {
            printWindow(w, 2_500);
            return windowJson(w) as Record<string, unknown>;
          },
          (err: unknown) => {
            console.warn(`\n${topology} N=${n}: not measured: ${String(err)}`);
            return { error: String(err) };
          },
        );
        byTopology[topology] = { ...byTopology[topology], [String(n)]: row };
      }
    }
    const tight = await runRoom(browser, `${server.url}/`, 'mesh', 4, TIGHT_BUDGET_KBPS);
    printWindow(tight, TIGHT_BUDGET_KBPS);
    const worst = Math.max(...tight.peers.map((p) => p.upKbps));
    console.info(
      `\nmesh of 4 at ${TIGHT_BUDGET_KBPS} kbit/s each: the busiest sender sent ${worst} kbit/s ` +
        `(${((worst / TIGHT_BUDGET_KBPS) * 100).toFixed(0)} % of its budget, RTP headers included)`,
    );
    // A partial run (--ns, --topologies) replaces only the rooms it measured.
    const kept = (readResults('uplink') as { perTopology?: typeof byTopology } | undefined)
      ?.perTopology;
    if (kept && (arg('ns') || arg('topologies'))) {
      for (const [topology, rows] of Object.entries(kept)) {
        byTopology[topology] = { ...rows, ...byTopology[topology] };
      }
    }
    mergeResults('uplink', {
      date: new Date().toISOString(),
      network,
      loadAverageStart: load,
      camera: UPLINK_CAMERA,
      defaultBudgetKbps: 2_500,
      perTopology: byTopology,
      tightBudget: { budgetKbps: TIGHT_BUDGET_KBPS, n: 4, topology: 'mesh', ...windowJson(tight) },
    });
    writeUplinkChart();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
