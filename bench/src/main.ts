// Runs the benchmarks, writes bench/results/latest.json and regenerates docs/benchmarks.md and
// docs/charts/*.svg. `--quick` (under 5 minutes on 2 cores), `--full`, or `--docs-only` (re-render
// the report from the committed JSON). `--only=signal,web,browser` runs a subset (for work on
// the harness; the JSON then holds only that subset).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from '@meshwork/protocol';
import { BareRelay } from './browser/baseline/BareRelay';
import { baselineFirstFrameOnce } from './browser/baseline/baselineCall';
import {
  firstFrameOnce,
  ringHop,
  SWITCH_CHAIN,
  switchChain,
  TOPOLOGIES,
  uplink,
} from './browser/benchmarks';
import { CHROMIUM_PATH, launchBrowser } from './browser/harness';
import { buildBenchPage } from './browser/pageBundle';
import { chromiumVersion, machineFacts } from './lib/machine';
import { extractFindings, renderCharts, renderReport } from './lib/report';
import type { Results } from './lib/results';
import { median, round } from './lib/stats';
import { enterLoopbackNamespace } from './netns';
import { measureBareSocketHeap, measureHeap } from './signal/heap';
import { measureJoinAck } from './signal/joinAck';
import { measureRelay } from './signal/relay';
import { ServerProcess } from './signal/ServerProcess';
import { measureMeshLib, measureWebSize } from './size/sizes';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = join(REPO_ROOT, 'bench/results/latest.json');
const DOC = join(REPO_ROOT, 'docs/benchmarks.md');
const CHARTS = join(REPO_ROOT, 'docs/charts');

/** Files the browser/WebRTC parts need from other packages. */
const BROWSER_PREREQUISITES = [
  'packages/mesh/src/runtime/MeshController.ts',
  'packages/bots/src/Bot.ts',
  'packages/client/src/ClientSession.ts',
];

type Mode = 'quick' | 'full';

/** Sockets that join and leave before the marginal heap baseline (see `HeapOptions.warmup`). */
const HEAP_WARMUP_PEERS = 16;

const PLANS = {
  quick: {
    join: {
      warmupJoins: 50,
      sequentialJoins: 300,
      bursts: 10,
      burstSize: 16,
      timeBudgetMs: 60_000,
    },
    relay: { pairs: 32, perPeerPerSecond: 40, warmupMs: 2_000, measureMs: 6_000, rounds: 2 },
    heap: { peers: 2_000, concurrency: 50, timeBudgetMs: 120_000 },
    firstFrame: { ns: [2, 4], runs: 3 },
    switchN: 4,
    ringN: 5,
    uplink: null as null | { ns: number[]; windowMs: number },
  },
  full: {
    join: {
      warmupJoins: 50,
      sequentialJoins: 1_000,
      bursts: 40,
      burstSize: 16,
      timeBudgetMs: 180_000,
    },
    relay: { pairs: 32, perPeerPerSecond: 40, warmupMs: 3_000, measureMs: 15_000, rounds: 3 },
    heap: { peers: 2_000, concurrency: 50, timeBudgetMs: 180_000 },
    firstFrame: { ns: [2, 3, 4, 5, 6], runs: 5 },
    switchN: 4,
    ringN: 6,
    uplink: { ns: [2, 3, 4, 5, 6], windowMs: 4_000 } as null | { ns: number[]; windowMs: number },
  },
};

function setIn<T>(table: Record<string, Record<string, T>>, topology: string, n: number, v: T) {
  const row = table[topology] ?? {};
  row[String(n)] = v;
  table[topology] = row;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function runSignal(mode: Mode, r: Results): Promise<void> {
  const plan = PLANS[mode];
  try {
    console.info('signal: join ack');
    const join = await measureJoinAck(plan.join);
    Object.assign(r.signal, join);
    console.info(
      `  sequential p50 ${join.joinAckMs.p50} ms p99 ${join.joinAckMs.p99} ms; ` +
        `burst p50 ${join.joinAckBurstMs.p50} ms p99 ${join.joinAckBurstMs.p99} ms`,
    );
  } catch (err) {
    r.pending['signal.joinAckMs'] = `failed in this run: ${message(err)}`;
  }
  try {
    console.info('signal: relay cost');
    const rounds = await measureRelay(plan.relay);
    const of = (m: string) => median(rounds.filter((x) => x.mode === m).map((x) => x.usPerMsg));
    r.signal.relayUsPerMsg = round(of('meshwork'), 2);
    r.signal.baselineRelayUsPerMsg = round(of('bare'), 2);
    r.signal.bareAckRelayUsPerMsg = round(of('bare-ack'), 2);
    r.signal.relayRatio = round(of('meshwork') / of('bare'), 2);
    r.signal.relayRounds = rounds;
    r.signal.relayLoad =
      `${plan.relay.pairs} linked pairs, each peer sending ${plan.relay.perPeerPerSecond} candidate ` +
      `signals/s to its partner without an ack callback (as the client session sends them) for ${plan.relay.measureMs / 1000} s, ` +
      `${plan.relay.rounds} round(s) per server, median kept`;
  } catch (err) {
    r.pending['signal.relayUsPerMsg'] = `failed in this run: ${message(err)}`;
  }
  try {
    console.info(`signal: heap with ${plan.heap.peers} peers`);
    const heap = await measureHeap(plan.heap);
    r.signal.heapKbPerPeer = heap.heapKbPerPeer;
    r.signal.externalKbPerPeer = heap.externalKbPerPeer;
    r.signal.rssKbPerPeer = heap.rssKbPerPeer;
    r.signal.heapLoad = `${heap.peers} joined peers in ${heap.rooms} rooms of 8-16, plans committed`;
    console.info(`  ${heap.heapKbPerPeer} KB heap per peer`);
    const bare = await measureBareSocketHeap(plan.heap);
    r.signal.bareSocketHeapKbPerConnection = bare.heapKbPerConnection;
    console.info(`  ${bare.heapKbPerConnection} KB heap per connection of a bare Socket.IO server`);
    // The same again after a warm-up, read as a slope: what one more peer costs.
    const warm = { ...plan.heap, warmup: HEAP_WARMUP_PEERS };
    const appWarm = await measureHeap(warm);
    const bareWarm = await measureBareSocketHeap(warm);
    r.signal.marginalHeapKbPerPeer = appWarm.marginalHeapKbPerPeer;
    r.signal.bareMarginalHeapKbPerConnection = bareWarm.marginalHeapKbPerConnection;
    r.signal.marginalHeapBeyondBareKbPerPeer = round(
      appWarm.marginalHeapKbPerPeer - bareWarm.marginalHeapKbPerConnection,
      2,
    );
    console.info(
      `  one more peer: ${appWarm.marginalHeapKbPerPeer} KB (bare ${bareWarm.marginalHeapKbPerConnection} KB), ` +
        `${r.signal.marginalHeapBeyondBareKbPerPeer} KB beyond the bare server`,
    );
  } catch (err) {
    r.pending['signal.heapKbPerPeer'] = `failed in this run: ${message(err)}`;
  }
}

async function runWeb(r: Results): Promise<void> {
  try {
    console.info('web: sizes');
    const web = measureWebSize();
    r.web.initialJsKbGz = web.initialJsKbGz;
    r.web.initialJsKb = web.initialJsKb;
    r.web.initialFiles = web.files;
    r.web.allJsKbGz = web.allJsKbGz;
  } catch (err) {
    r.pending['web.initialJsKbGz'] = `failed in this run: ${message(err)}`;
  }
  try {
    const lib = await measureMeshLib();
    r.web.meshLibKbGz = lib.meshLibKbGz;
    r.web.meshLibKb = lib.meshLibKb;
    r.web.meshRuntimeKbGz = lib.meshRuntimeKbGz;
    r.web.sessionOnlyKbGz = lib.sessionOnlyKbGz;
    r.web.meshLibByPackage = lib.byPackage;
    console.info(`  first JS ${r.web.initialJsKbGz} KB gz, mesh library ${lib.meshLibKbGz} KB gz`);
  } catch (err) {
    r.pending['web.meshLibKbGz'] = `failed in this run: ${message(err)}`;
  }
}

async function runBrowser(mode: Mode, r: Results): Promise<void> {
  const plan = PLANS[mode];
  const missing = BROWSER_PREREQUISITES.filter((p) => !existsSync(join(REPO_ROOT, p)));
  const pendAll = (why: string) => {
    for (const k of ['firstFrameMs', 'switch', 'ringHopMs']) r.pending[`browser.${k}`] = why;
  };
  if (missing.length) return pendAll(`not built yet: ${missing.join(', ')}`);
  if (!r.meta.chromium) return pendAll(`no Chromium at ${CHROMIUM_PATH}`);
  const webRoot = await buildBenchPage();
  const server = await ServerProcess.start({ mode: 'meshwork', config: { webRoot } });
  const relay = await BareRelay.start(webRoot);
  const browser = await launchBrowser();
  try {
    const firstFrame: Record<string, Record<string, number>> = {};
    const signals: Record<string, Record<string, number>> = {};
    // The minimal two-page call, sampled between the mesh N=2 samples (same load, same run).
    const baseline: number[] = [];
    for (const topology of TOPOLOGIES) {
      for (const n of plan.firstFrame.ns) {
        const samples: number[] = [];
        const sig: number[] = [];
        try {
          for (let i = 0; i < plan.firstFrame.runs; i++) {
            const s = await firstFrameOnce(browser, server.url, topology, n);
            samples.push(s.ms);
            sig.push(s.signals);
            if (topology === 'mesh' && n === 2) {
              baseline.push(await baselineFirstFrameOnce(browser, relay).catch(() => Number.NaN));
            }
          }
          setIn(firstFrame, topology, n, round(median(samples), 1));
          setIn(signals, topology, n, median(sig));
          console.info(
            `  first frame ${topology} N=${n}: ${samples.join(', ')} ms; signals ${sig.join(', ')}`,
          );
        } catch (err) {
          r.pending[`browser.firstFrameMs.${topology}.${n}`] =
            `failed in this run: ${message(err)}`;
        }
      }
    }
    r.browser.firstFrameMs = firstFrame;
    r.browser.signalsPerJoin = signals;
    const baselineOk = baseline.filter((x) => Number.isFinite(x));
    if (baselineOk.length > 0) {
      const base = round(median(baselineOk), 1);
      r.browser.baselineFirstFrameMs = base;
      r.browser.baselineFirstFrameSamples = baselineOk;
      const ratios: Record<string, Record<string, number>> = {};
      for (const [topology, row] of Object.entries(firstFrame)) {
        for (const [n, ms] of Object.entries(row))
          setIn(ratios, topology, Number(n), round(ms / base, 2));
      }
      r.browser.firstFrameVsBaseline = ratios;
      console.info(`  baseline two-page call: ${baselineOk.join(', ')} ms (median ${base})`);
    } else {
      r.pending['browser.baselineFirstFrameMs'] =
        'failed in this run: no baseline sample completed';
    }
    try {
      console.info(`browser: switches, N=${plan.switchN} (${SWITCH_CHAIN.join(' -> ')})`);
      const chain = await switchChain(browser, server.url, plan.switchN);
      r.browser.switch = chain.switches;
      r.browser.steadyMaxGapMs = chain.steadyMaxGapMs;
      console.info(`  longest frame gap with no switch: ${chain.steadyMaxGapMs} ms`);
    } catch (err) {
      r.pending['browser.switch'] = `failed in this run: ${message(err)}`;
    }
    try {
      console.info(`browser: ring hop latency, N=${plan.ringN}`);
      const hop = await ringHop(browser, server.url, plan.ringN);
      r.browser.ringHopMs = hop.ringHopMs;
      r.browser.ringLatencyByHopsMs = hop.latencyByHopsMs;
      r.browser.ringN = hop.n;
      console.info(`  ${hop.ringHopMs} ms per hop (${JSON.stringify(hop.latencyByHopsMs)})`);
    } catch (err) {
      r.pending['browser.ringHopMs'] = `failed in this run: ${message(err)}`;
    }
    if (plan.uplink) {
      const up: Record<string, Record<string, number[]>> = {};
      for (const topology of TOPOLOGIES) {
        for (const n of plan.uplink.ns) {
          try {
            const s = await uplink(
              browser,
              server.url,
              topology as Topology,
              n,
              plan.uplink.windowMs,
            );
            setIn(up, topology, n, s.perPeerKbps);
            console.info(`  uplink ${topology} N=${n}: ${s.perPeerKbps.join(', ')} kbit/s`);
          } catch (err) {
            r.pending[`browser.uplinkKbps.${topology}.${n}`] =
              `failed in this run: ${message(err)}`;
          }
        }
      }
      r.browser.uplinkKbps = up;
    }
  } finally {
    await browser.close();
    await relay.stop();
    await server.stop();
    rmSync(webRoot, { recursive: true, force: true });
  }
}

function writeReport(r: Results): void {
  const existing = existsSync(DOC) ? readFileSync(DOC, 'utf8') : null;
  mkdirSync(CHARTS, { recursive: true });
  const charts = renderCharts(r);
  for (const [file, svg] of Object.entries(charts)) writeFileSync(join(CHARTS, file), svg);
  writeFileSync(DOC, renderReport(r, extractFindings(existing)));
  console.info(
    `wrote docs/benchmarks.md and ${Object.keys(charts).length} chart(s) in docs/charts/`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--docs-only')) {
    writeReport(JSON.parse(readFileSync(RESULTS, 'utf8')) as Results);
    return;
  }
  const mode: Mode = args.includes('--full') ? 'full' : 'quick';
  const only = args
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const network = enterLoopbackNamespace();
  const started = Date.now();
  const r: Results = {
    meta: {
      date: new Date().toISOString(),
      mode,
      machine: machineFacts(),
      network,
      durationS: 0,
      loadAverage: { start: round(loadavg()[0] ?? 0, 2), end: 0 },
      chromium: chromiumVersion(CHROMIUM_PATH),
    },
    signal: {},
    web: {},
    browser: {},
    pending: {},
    notes: [],
  };
  if (network === 'host')
    r.notes.push('Ran on the host network (not root or no unshare); traffic to 127.0.0.1 only.');
  const wants = (part: string) => !only || only.includes(part);
  console.info(
    `bench: ${mode} run on ${r.meta.machine.cpu} x${r.meta.machine.cores}, Node ${r.meta.machine.node}`,
  );
  if (wants('web')) await runWeb(r);
  if (wants('signal')) await runSignal(mode, r);
  if (wants('browser')) await runBrowser(mode, r);
  if (mode === 'quick') {
    r.pending['browser.uplinkKbps'] = 'full run only (`pnpm bench`)';
  }
  r.pending['browser.cpuPerPeer'] =
    'not measured yet: pages share one Chromium, whose encoder threads are not attributed per page by the harness';
  r.meta.loadAverage.end = round(loadavg()[0] ?? 0, 2);
  r.meta.durationS = Math.round((Date.now() - started) / 1000);
  mkdirSync(join(REPO_ROOT, 'bench/results'), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(r, null, 2)}\n`);
  console.info(`wrote bench/results/latest.json (${r.meta.durationS} s)`);
  writeReport(r);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
