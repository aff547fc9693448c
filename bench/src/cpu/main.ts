// CPU per peer per topology: N = 4 and 8 in mesh, star and ring, each page in its own browser
// context and so its own renderer process, whose CPU is read from /proc by pid over a steady
// window; beside it the WebRTC encode and decode time the page's stats report. Prints tables
// and text charts and adds `cpu` to bench/results/latest.json.
// `pnpm --filter @meshwork/bench bench:cpu [--ns=4,8]`
import { loadavg } from 'node:os';
import { TOPOLOGIES } from '../browser/benchmarks';
import { mergeResults } from '../lib/mergeResults';
import { median, round } from '../lib/stats';
import { enterLoopbackNamespace } from '../netns';
import { ServerProcess } from '../signal/ServerProcess';
import type { WindowFigures } from '../uplink/measure';
import { buildUplinkPage, launchUplinkBrowser, runRoom, UPLINK_CAMERA } from '../uplink/runRoom';
import { type Bar, textChart } from './chart';

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** Per-window CPU figures: every peer's, the busiest, and the median peer's. */
export function cpuRow(w: WindowFigures) {
  const cpu = w.peers.map((p) => p.cpuPct);
  const known = cpu.filter((c): c is number => c !== null);
  return {
    cpuPct: cpu,
    cpuMedianPct: known.length ? round(median(known), 1) : null,
    cpuMaxPct: known.length ? Math.max(...known) : null,
    cpuSumPct:
      known.length === cpu.length
        ? round(
            known.reduce((a, b) => a + b, 0),
            1,
          )
        : null,
    encodeMsPerS: w.peers.map((p) => p.encodeMsPerS),
    decodeMsPerS: w.peers.map((p) => p.decodeMsPerS),
    encodings: w.peers.map((p) => p.encodings),
  };
}

async function main(): Promise<void> {
  const network = enterLoopbackNamespace();
  const ns = (arg('ns') ?? '4,8').split(',').map(Number);
  const webRoot = await buildUplinkPage();
  const server = await ServerProcess.start({ mode: 'meshwork', config: { webRoot } });
  const browser = await launchUplinkBrowser();
  const load = loadavg()[0] ?? 0;
  const rows: Record<string, Record<string, ReturnType<typeof cpuRow>>> = {};
  const median_: Bar[] = [];
  const busiest: Bar[] = [];
  const encode: Bar[] = [];
  const decode: Bar[] = [];
  try {
    for (const topology of TOPOLOGIES) {
      for (const n of ns) {
        const w = await runRoom(browser, `${server.url}/`, topology, n, null).catch((err) => {
          console.warn(`\n${topology} N=${n}: not measured: ${String(err)}`);
          return null;
        });
        if (w === null) continue;
        const row = cpuRow(w);
        rows[topology] = { ...rows[topology], [String(n)]: row };
        const label = `${topology} N=${n}`;
        console.info(
          `\n${label} (${w.windowS} s): renderer CPU % per peer ${row.cpuPct.join(' / ')}; ` +
            `encode ms/s ${row.encodeMsPerS.join(' / ')}; decode ms/s ${row.decodeMsPerS.join(' / ')}; ` +
            `encodings ${row.encodings.join(' / ')}`,
        );
        median_.push({ label, value: row.cpuMedianPct ?? 0 });
        busiest.push({ label, value: row.cpuMaxPct ?? 0 });
        encode.push({ label, value: round(median(row.encodeMsPerS), 1) });
        decode.push({ label, value: round(median(row.decodeMsPerS), 1) });
      }
    }
    console.info('\nRenderer CPU of the median peer (% of one core):');
    console.info(textChart(median_, '%'));
    console.info('\nRenderer CPU of the busiest peer (hub or relay):');
    console.info(textChart(busiest, '%'));
    console.info('\nEncode time of the median peer (ms per s):');
    console.info(textChart(encode, 'ms/s'));
    console.info('\nDecode time of the median peer (ms per s):');
    console.info(textChart(decode, 'ms/s'));
    mergeResults('cpu', {
      date: new Date().toISOString(),
      network,
      loadAverageStart: load,
      camera: UPLINK_CAMERA,
      perTopology: rows,
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
