// How many peers and rooms one signal node holds at join ack p99 <= 10 ms: a load generator in
// its own process grows to each level of sockets, and this process times joins on top of it.
// Writes `signal.scale` into bench/results/latest.json (other keys kept) and
// docs/charts/signal-scale.svg. Measures and prints only.
//   pnpm --filter @meshwork/bench bench:scale [--levels=1000,5000,10000,20000] [--probes=200]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBarChart } from '../lib/chart';
import { enterLoopbackNamespace } from '../netns';
import { measureScale } from './scale';

/** Join ack p99 a node must keep to count as holding a level. */
const JOIN_ACK_P99_GOAL_MS = 10;
/** Open files each process may hold: 20k sockets on both ends, plus room. */
const OPEN_FILES = 65_536;
const ULIMIT_ENV = 'MESHWORK_BENCH_ULIMIT';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RESULTS = join(REPO_ROOT, 'bench/results/latest.json');
const CHART = join(REPO_ROOT, 'docs/charts/signal-scale.svg');

function arg(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

// Raise the open-file limit for this process and its children (the server, the load generator).
if (process.env[ULIMIT_ENV] !== '1') {
  const result = spawnSync(
    'sh',
    [
      '-c',
      `ulimit -n ${OPEN_FILES} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`,
      process.execPath,
      ...process.execArgv,
      ...process.argv.slice(1),
    ],
    { stdio: 'inherit', env: { ...process.env, [ULIMIT_ENV]: '1' } },
  );
  process.exit(result.status ?? 1);
}
enterLoopbackNamespace();

// Without the right to raise the hard limit, the last level is what the limit leaves room for.
const openFiles = Number(spawnSync('sh', ['-c', 'ulimit -n']).stdout.toString().trim());
const maxSockets = Number.isFinite(openFiles) ? openFiles - 300 : Number.POSITIVE_INFINITY;
const levels = (arg('levels') ?? '1000,5000,10000,20000')
  .split(',')
  .map((n) => Math.min(Number(n), maxSockets));
if (levels.some((n) => n === maxSockets)) {
  console.info(
    `  open files are capped at ${openFiles} per process: levels capped at ${maxSockets}`,
  );
}
const probeJoins = Number(arg('probes') ?? 200);
console.info(`signal scale: levels ${levels.join(', ')}; ${probeJoins} timed joins per level`);
const curve = await measureScale({ levels, probeJoins, probeRoomSize: 12, concurrency: 100 });
const held = curve.filter((l) => l.joinAckP99Ms <= JOIN_ACK_P99_GOAL_MS).map((l) => l.sockets);
const scale = {
  curve,
  heldAtGoal: held.length ? Math.max(...held) : 0,
  goalJoinAckP99Ms: JOIN_ACK_P99_GOAL_MS,
  load:
    `a load generator process holds each level of sockets in mesh rooms of 8-16 (plans committed); ` +
    `${probeJoins} joins timed one at a time on top, in rooms of up to 12; one server process, loopback`,
  openFilesPerProcess: openFiles,
  date: new Date().toISOString(),
};
console.info(`  holds ${scale.heldAtGoal} sockets at join ack p99 <= ${JOIN_ACK_P99_GOAL_MS} ms`);

const results = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : { signal: {} };
results.signal = { ...(results.signal ?? {}), scale };
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
const bars = curve.flatMap((l) => [
  { label: `${l.sockets} p50`, value: l.joinAckP50Ms },
  { label: `${l.sockets} p99`, value: l.joinAckP99Ms, goal: JOIN_ACK_P99_GOAL_MS },
]);
const heap = curve.map((l) => ({ label: `${l.sockets} sockets`, value: l.heapMb }));
writeFileSync(
  CHART,
  renderBarChart({ title: 'One signal node: join ack as sockets grow', unit: 'ms', bars }),
);
writeFileSync(
  CHART.replace('.svg', '-heap.svg'),
  renderBarChart({ title: 'One signal node: heap as sockets grow', unit: 'MB', bars: heap }),
);
console.info(`  wrote ${RESULTS} (signal.scale) and ${CHART}`);
