// `pnpm bots --url http://localhost:8080 --room demo --count 4`: fills a room with headless peers
// so a person can try the UI. Logs a line per bot every few seconds; Ctrl+C leaves cleanly.
import { parseArgs } from 'node:util';
import { TopologySchema } from '@meshwork/protocol';
import { Bot } from './Bot';
import { createConsoleLogger, type LogLevel } from './consoleLogger';

/** How often each bot logs what it receives. */
const REPORT_INTERVAL_MS = 5_000;

const USAGE = `usage: pnpm bots --url http://localhost:8080 --room demo [options]

  --url URL          signal app URL (default http://localhost:8080)
  --room ID          room to join (default demo)
  --count N          number of bots (default 4, at most 32)
  --name NAME        display name prefix (default Bot)
  --topology T       set the room's topology once joined: mesh | star | ring
  --password P       room password
  --width W --height H --fps F   synthetic camera (default 160x120 at 15 fps)
  --no-audio         send video only
  --log LEVEL        debug | info | warn | error (default warn)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function int(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(`--${name} must be an integer 1-${max}`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        url: { type: 'string', default: 'http://localhost:8080' },
        room: { type: 'string', default: 'demo' },
        count: { type: 'string' },
        name: { type: 'string', default: 'Bot' },
        topology: { type: 'string' },
        password: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        fps: { type: 'string' },
        'no-audio': { type: 'boolean', default: false },
        log: { type: 'string', default: 'warn' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    });
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
})();

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const count = int(values.count, 'count', 4, 32);
const topology = values.topology === undefined ? null : TopologySchema.safeParse(values.topology);
if (topology && !topology.success) fail('--topology must be mesh, star or ring');
const level = values.log as LogLevel;
if (!['debug', 'info', 'warn', 'error'].includes(level))
  fail('--log must be debug|info|warn|error');
const video = {
  width: int(values.width, 'width', 160, 1920),
  height: int(values.height, 'height', 120, 1080),
  fps: int(values.fps, 'fps', 15, 60),
};

const bots: Bot[] = [];
for (let i = 0; i < count; i++) {
  const name = `${values.name} ${i + 1}`;
  const options: ConstructorParameters<typeof Bot>[0] = {
    url: values.url,
    roomId: values.room,
    name,
    index: i,
    video,
    audio: !values['no-audio'],
    logger: createConsoleLogger(name, level),
  };
  if (values.password !== undefined) options.password = values.password;
  const bot = new Bot(options);
  bot.session.on('statusChanged', (s) => {
    const detail =
      s.status === 'reconnecting'
        ? ` (attempt ${s.attempt}, retry in ${s.retryInMs} ms${s.error ? `, ${s.error}` : ''}${s.reason ? `, ${s.reason}` : ''})`
        : s.error
          ? ` (${s.error}: ${s.message ?? ''})`
          : '';
    console.info(`${name}: ${s.status}${detail}`);
  });
  bots.push(bot);
}

function nameOf(bot: Bot, peerId: string): string {
  return bot.session.room?.peers.find((p) => p.id === peerId)?.displayName ?? peerId;
}

const lastCounts = new Map<string, number>();
function report(): void {
  for (const bot of bots) {
    if (bot.session.status !== 'joined') {
      console.info(`${bot.name}: ${bot.session.status}`);
      continue;
    }
    const plan = bot.session.plan;
    const parts = bot.allStats().map((s) => {
      const key = `${bot.name}/${s.origin}/${s.key}`;
      const fresh = s.framesDecoded - (lastCounts.get(key) ?? 0);
      lastCounts.set(key, s.framesDecoded);
      const hops = s.route ? `${s.route.hops} hop${s.route.hops === 1 ? '' : 's'}` : '?';
      const latency = s.latencyMs === null ? '' : ` ${Math.round(s.latencyMs)} ms`;
      return `${nameOf(bot, s.origin)} ${fresh} fr (${hops}${latency})${s.active ? '' : ' gone'}`;
    });
    const where = plan
      ? `${plan.topology} v${plan.version}${plan.hub ? ` hub=${nameOf(bot, plan.hub)}` : ''}`
      : '';
    console.info(
      `${bot.name} [${where}] last ${REPORT_INTERVAL_MS / 1000} s: ${parts.join(', ') || 'no streams yet'}`,
    );
  }
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) {
    process.exit(1); // a second Ctrl+C does not wait
  }
  stopping = true;
  clearInterval(reporter);
  console.info('leaving...');
  await Promise.allSettled(bots.map((b) => b.leave()));
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

const reporter = setInterval(report, REPORT_INTERVAL_MS);
console.info(`${count} bots joining room "${values.room}" at ${values.url} (Ctrl+C leaves)`);
const joined = await Promise.allSettled(bots.map((b) => b.join()));
const failed = joined.filter((r) => r.status === 'rejected');
if (failed.length === bots.length) {
  console.error(`no bot could join: ${String((failed[0] as PromiseRejectedResult).reason)}`);
  await stop();
}
if (topology?.success) {
  const first = bots.find((b) => b.session.status === 'joined');
  await first?.session.setTopology(topology.data).then(
    () => console.info(`topology set to ${topology.data}`),
    (err: unknown) => console.error(`could not set the topology: ${String(err)}`),
  );
}
