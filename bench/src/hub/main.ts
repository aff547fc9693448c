// The media hub benchmark: hub CPU per forwarded stream and per room of N bots in a star through
// the server, the latency a hub hop adds against a browser-style (wrtc) hub that re-encodes, and
// the largest room one hub core holds under 80 % CPU. Prints, writes bench/results/hub.json,
// docs/charts/hub-cpu.svg and the `## Server hub` section of docs/benchmarks.md.
//   pnpm --filter @meshwork/bench bench:hub            # N = 4, 8, 12
//   pnpm --filter @meshwork/bench bench:hub -- 4,6     # other room sizes
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bot } from '@meshwork/bots';
import { BotRoom, type HopsFn, startSignal, type TestSignal } from '@meshwork/bots/testing';
import { renderBarChart } from '../lib/chart';
import { median, round, signed } from '../lib/stats';
import { enterLoopbackNamespace } from '../netns';
import { HubProcess } from './hubProcess';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HUB_SECRET = 'bench-hub-secret-0123456789abcdef';
const STATS_PORT = 18_090;
/** Window over which hub CPU and packets are counted once every origin flows. */
const WINDOW_MS = 10_000;
/** The share of one core the largest room must stay under. */
const CPU_CEILING = 80;
const VIDEO = { width: 160, height: 120, fps: 15 };
/** Window of one latency sample. */
const HOP_WINDOW_MS = 5_000;
/** Rounds of the three hop kinds. */
const HOP_ROUNDS = 3;

const log = (line: string) => console.info(`bench:hub ${line}`);

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until every origin flows over the routes `hops` expects. */
async function settle(room: BotRoom, hops: HopsFn): Promise<void> {
  await room.flowing(hops, 15, 90_000);
}

async function serverHubId(room: BotRoom): Promise<string> {
  await until(
    () =>
      room.bots[0]?.session.room?.peers.some((p) => p.capacity.deviceClass === 'server') === true,
    30_000,
    'the hub to join',
  );
  return (
    room.bots[0]?.session.room?.peers.find((p) => p.capacity.deviceClass === 'server')?.id ?? ''
  );
}

async function committedStar(room: BotRoom, hub: string): Promise<void> {
  await until(
    () =>
      room.bots.every(
        (b) =>
          b.session.plan?.topology === 'star' &&
          b.session.plan.hub === hub &&
          b.committedPlanVersion === b.session.plan.version,
      ),
    120_000,
    `a star through ${hub}`,
  );
}

interface RoomRun {
  n: number;
  cpuPercent: number;
  forwardedPairs: number;
  cpuPerStreamPercent: number;
  packetsPerSecond: number;
  framesDecodedAtHub: number;
}

async function roomRun(signal: TestSignal, hub: HubProcess, n: number): Promise<RoomRun> {
  const room = new BotRoom(signal.url, `hub-bench-${n}`, { video: VIDEO });
  try {
    // Two people switch to a star through the server, then the rest join it: a mesh of 12 bots
    // (132 encoders) would starve two cores before the switch.
    await room.add(2);
    const hubId = await serverHubId(room);
    await room.bots[0]?.session.setTopology('star');
    await committedStar(room, hubId);
    // One at a time, each flowing before the next: back-to-back joins into a star through the
    // server left an origin without media (see docs/benchmarks.md, Server hub).
    for (let i = 2; i < n; i++) {
      await room.add(1);
      await committedStar(room, hubId);
      await settle(room, () => 2);
    }
    await settle(room, () => 2);
    const before = await hub.stats();
    const cpu0 = hub.cpuMs();
    const t0 = Date.now();
    await sleep(WINDOW_MS);
    const cpu1 = hub.cpuMs();
    const t1 = Date.now();
    const after = await hub.stats();
    const packets = (s: typeof before) =>
      s.hubs[0]?.rooms
        .find((r) => r.roomId === room.roomId)
        ?.origins.reduce((sum, o) => sum + o.packetsForwarded, 0) ?? 0;
    const decoded =
      after.hubs[0]?.rooms
        .find((r) => r.roomId === room.roomId)
        ?.origins.reduce((sum, o) => sum + o.framesDecoded, 0) ?? 0;
    const cpuPercent = ((cpu1 - cpu0) / (t1 - t0)) * 100;
    // Each origin's camera (video + audio) goes to every other person.
    const forwardedPairs = n * (n - 1);
    return {
      n,
      cpuPercent: round(cpuPercent, 1),
      forwardedPairs,
      cpuPerStreamPercent: round(cpuPercent / forwardedPairs, 3),
      packetsPerSecond: Math.round(((packets(after) - packets(before)) * 1000) / (t1 - t0)),
      framesDecodedAtHub: decoded,
    };
  } finally {
    await room.close();
  }
}

interface BenchResults {
  rooms: RoomRun[];
  hops: HopRun;
  largest: number;
  extrapolated: number;
  machine: string;
  /** Room sizes whose bots never all decoded every origin in time. */
  unsettled: number[];
}

interface HopRun {
  directMs: number;
  serverHubMs: number;
  peerHubMs: number;
  serverHopMs: number;
  peerHopMs: number;
}

/**
 * One room of 4, three rounds of: direct (mesh), through the server, through a bot that
 * re-encodes. Rounds alternate so load that drifts during the run hits every kind alike; each
 * kind's figure is the median of its rounds.
 */
async function hopRun(signal: TestSignal): Promise<HopRun> {
  const room = new BotRoom(signal.url, 'hub-bench-hops', { video: VIDEO });
  try {
    await room.add(4);
    const hubId = await serverHubId(room);
    const relay = room.bots[0];
    if (!relay) throw new Error('no bot');
    const all = () => true;
    const leaves = (o: Bot, r: Bot) => o !== relay && r !== relay;
    const direct: number[] = [];
    const server: number[] = [];
    const peer: number[] = [];
    for (let round = 0; round < HOP_ROUNDS; round++) {
      await relay.session.setTopology('mesh');
      await until(
        () =>
          room.bots.every(
            (b) =>
              b.session.plan?.topology === 'mesh' &&
              b.committedPlanVersion === b.session.plan.version,
          ),
        60_000,
        'a mesh',
      );
      await settle(room, () => 1);
      direct.push(await latestLatency(room.bots, all));
      await relay.session.setHub(null);
      await relay.session.setTopology('star');
      await committedStar(room, hubId);
      await settle(room, () => 2);
      server.push(await latestLatency(room.bots, all));
      await relay.session.setHub(relay.id);
      await committedStar(room, relay.id);
      await settle(room, (_o, _h, origin, receiver) =>
        origin === relay.id || receiver === relay.id ? 1 : 2,
      );
      peer.push(await latestLatency(room.bots, leaves));
      log(
        `hop round ${round + 1}: direct ${direct.at(-1)} ms, server hub ${server.at(-1)} ms, re-encoding hub ${peer.at(-1)} ms`,
      );
    }
    const directMs = median(direct);
    const serverHubMs = median(server);
    const peerHubMs = median(peer);
    return {
      directMs: round(directMs, 1),
      serverHubMs: round(serverHubMs, 1),
      peerHubMs: round(peerHubMs, 1),
      serverHopMs: round(serverHubMs - directMs, 1),
      peerHopMs: round(peerHubMs - directMs, 1),
    };
  } finally {
    await room.close();
  }
}

/** Median over pairs of the latest frames' latency, sampled every 200 ms for `HOP_WINDOW_MS`. */
async function latestLatency(
  bots: readonly Bot[],
  pick: (o: Bot, r: Bot) => boolean,
): Promise<number> {
  const samples: number[] = [];
  const end = Date.now() + HOP_WINDOW_MS;
  while (Date.now() < end) {
    for (const receiver of bots) {
      for (const origin of bots) {
        if (origin === receiver || !pick(origin, receiver)) continue;
        const ms = receiver.stats(origin.id)?.latencyMs;
        if (ms !== null && ms !== undefined) samples.push(ms);
      }
    }
    await sleep(200);
  }
  return samples.length > 0 ? median(samples) : Number.NaN;
}

function writeDocs(results: BenchResults) {
  writeFileSync(join(REPO_ROOT, 'bench/results/hub.json'), `${JSON.stringify(results, null, 2)}\n`);
  const svg = renderBarChart({
    title: 'Media hub CPU per room (star through the server, one core = 100 %)',
    unit: '% CPU',
    bars: results.rooms.map((r) => ({
      label: `N = ${r.n} (${r.forwardedPairs} streams)`,
      value: r.cpuPercent,
      goal: CPU_CEILING,
    })),
  });
  writeFileSync(join(REPO_ROOT, 'docs/charts/hub-cpu.svg'), svg);
  const doc = join(REPO_ROOT, 'docs/benchmarks.md');
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf(SECTION);
  const end = start < 0 ? -1 : text.indexOf('\n## ', start + SECTION.length);
  const before = start < 0 ? `${text.trimEnd()}\n\n` : text.slice(0, start);
  const after = end < 0 ? '' : text.slice(end + 1);
  writeFileSync(doc, `${before}${renderSection(results)}${after ? `\n${after}` : ''}`);
}

const SECTION = '## Server hub';

/** The `## Server hub` section of docs/benchmarks.md from one run's results. */
function renderSection(r: BenchResults): string {
  const rows = r.rooms
    .map(
      (x) =>
        `| ${x.n} | ${x.forwardedPairs} | ${x.cpuPercent} | ${x.cpuPerStreamPercent} | ${x.packetsPerSecond} | ${x.framesDecodedAtHub} |`,
    )
    .join('\n');
  return `${SECTION}

\`pnpm --filter @meshwork/bench bench:hub\` (${r.machine}). Bots (\`@roamhq/wrtc\`, ${VIDEO.width}x${VIDEO.height} at ${VIDEO.fps} fps plus an Opus tone) in a star through one media hub (\`apps/hub\`, werift) run as its own process; hub CPU is that process's user + system time from \`/proc\` over ${WINDOW_MS / 1000} s once every origin flows, as a share of one core. A forwarded stream is one origin's camera (video and audio) to one receiver: N(N-1) in a room of N.

![Media hub CPU per room](charts/hub-cpu.svg)

| N | forwarded streams | hub CPU (% of one core) | per stream (%) | packets/s out | frames decoded at the hub |
| - | - | - | - | - | - |
${rows}

${r.unsettled.length > 0 ? `- Did not settle (some origin never reached every bot within the bound, so not measured): N = ${r.unsettled.join(', ')}.\n` : ''}- Largest room measured under ${CPU_CEILING} % of one hub core: **N = ${r.largest}**. At the median cost per forwarded stream, one core would hold about N = ${r.extrapolated} before ${CPU_CEILING} % (the bots, not the hub, are what two cores run out of first).
- Latency per hop (N = 4, same run, median over pairs and ${HOP_ROUNDS} alternating rounds of the send-to-decode time the bots read from each frame): direct (mesh) ${r.hops.directMs} ms; through the server hub ${r.hops.serverHubMs} ms (**${signed(r.hops.serverHopMs)} ms** for the hub hop); through a bot hub that decodes and re-encodes (\`@roamhq/wrtc\`, libwebrtc as in Chromium) ${r.hops.peerHubMs} ms (${signed(r.hops.peerHopMs)} ms).
`;
}

async function main(): Promise<void> {
  enterLoopbackNamespace();
  const ns = (process.argv.slice(2).find((a) => /^\d/.test(a)) ?? '4,8,12').split(',').map(Number);
  const signal = await startSignal({ hubSecret: HUB_SECRET });
  const hub = new HubProcess(signal.url, HUB_SECRET, STATS_PORT);
  try {
    await until(() => signal.server.hubs.list().length === 1, 30_000, 'the hub to connect');
    const machine = `${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at start`;
    log(`machine: ${machine}`);
    const hops = await hopRun(signal);
    log(
      `latency N=4: direct ${hops.directMs} ms, via server hub ${hops.serverHubMs} ms (${signed(hops.serverHopMs)}), via a re-encoding wrtc hub ${hops.peerHubMs} ms (${signed(hops.peerHopMs)})`,
    );
    const rooms: RoomRun[] = [];
    const unsettled: number[] = [];
    for (const n of ns) {
      let run: RoomRun;
      try {
        run = await roomRun(signal, hub, n);
      } catch (err) {
        // A room that never got every origin flowing is reported, not measured.
        log(`N=${n}: did not settle (${String(err).split('\n')[0]})`);
        unsettled.push(n);
        continue;
      }
      rooms.push(run);
      log(
        `N=${n}: hub CPU ${run.cpuPercent} % of one core for ${run.forwardedPairs} forwarded camera streams (${run.cpuPerStreamPercent} % each), ${run.packetsPerSecond} packets/s out, frames decoded at the hub ${run.framesDecodedAtHub}`,
      );
    }
    const under = rooms.filter((r) => r.cpuPercent < CPU_CEILING);
    const largest = under.length > 0 ? Math.max(...under.map((r) => r.n)) : 0;
    const perStream = median(rooms.map((r) => r.cpuPerStreamPercent));
    // N(N-1) streams at `perStream` each stay under the ceiling.
    let extrapolated = 1;
    while ((extrapolated + 1) * extrapolated * perStream < CPU_CEILING) extrapolated++;
    log(
      `largest room measured under ${CPU_CEILING} % of one hub core: N = ${largest}; at the median cost per stream (${perStream} %), one core would hold N = ${extrapolated}`,
    );
    writeDocs({ rooms, hops, largest, extrapolated, machine, unsettled });
  } finally {
    hub.stop();
    await signal.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
