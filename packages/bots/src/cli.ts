// `pnpm bots --url http://localhost:8080 --room demo --count 4`: fills a room with headless peers
// so a person can try the UI. Logs a line per bot every few seconds; Ctrl+C leaves cleanly.
import { streamKeyOf } from '@meshwork/mesh/runtime';
import { Bot } from './Bot';
import { parseCliArgs, USAGE } from './cliArgs';
import { createConsoleLogger } from './consoleLogger';

/** How often each bot logs what it receives. */
const REPORT_INTERVAL_MS = 5_000;

if (process.argv[2] === 'chaos') {
  const { chaosMain } = await import('./chaos/main');
  process.exit(await chaosMain(process.argv.slice(3)));
}

const args = parseCliArgs(process.argv.slice(2));
if (args.kind === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.kind === 'error') {
  process.stderr.write(`${args.message}\n\n${USAGE}`);
  process.exit(2);
}
const { config } = args;
const { count, topology } = config;

const bots: Bot[] = [];
for (let i = 0; i < count; i++) {
  const name = `${config.namePrefix} ${i + 1}`;
  const options: ConstructorParameters<typeof Bot>[0] = {
    url: config.url,
    roomId: config.room,
    name,
    index: i,
    video: config.video,
    audio: config.audio,
    logger: createConsoleLogger(name, config.level),
  };
  if (config.password !== undefined) options.password = config.password;
  if (config.limitation !== null && i < config.limitedCount) options.limitation = config.limitation;
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

/** Frames decoded per bot and stream identity at the last report. */
const lastCounts = new Map<Bot, Map<string, number>>(bots.map((b) => [b, new Map()]));
function report(): void {
  for (const bot of bots) {
    if (bot.session.status !== 'joined') {
      console.info(`${bot.name}: ${bot.session.status}`);
      continue;
    }
    const plan = bot.session.plan;
    const counts = lastCounts.get(bot) ?? new Map<string, number>();
    const parts = bot.allStats().map((s) => {
      const id = streamKeyOf(s.origin, s.key);
      const fresh = s.framesDecoded - (counts.get(id) ?? 0);
      counts.set(id, s.framesDecoded);
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
console.info(`${count} bots joining room "${config.room}" at ${config.url} (Ctrl+C leaves)`);
const joined = await Promise.allSettled(bots.map((b) => b.join()));
const failed = joined.filter((r) => r.status === 'rejected');
if (failed.length === bots.length) {
  console.error(`no bot could join: ${String((failed[0] as PromiseRejectedResult).reason)}`);
  await stop();
}
if (topology) {
  const first = bots.find((b) => b.session.status === 'joined');
  await first?.session.setTopology(topology).then(
    () => console.info(`topology set to ${topology}`),
    (err: unknown) => console.error(`could not set the topology: ${String(err)}`),
  );
}
