// The media hub (apps/hub) as its own process beside a test's stack or the README's screenshots,
// as `npm start` runs it.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const hubRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../hub');

/**
 * How the hub process is started so that it is scheduled the moment it has work. A hub runs on a
 * machine of its own; here it shares two cores with four renderers that encode and decode, and
 * the test. Starved, its event loop ran 0.8-1.6 s late (its CPU profile holds few samples in
 * those stretches: it was not running), its links' pings went unanswered past the silence bound
 * ([M23]) and the room rightly routed around it. `nice -n -10` was not enough at a load of 25;
 * real-time scheduling (`chrt -f`, as root) is. Without the right to either, it runs as is, and
 * what keeps it scheduled is the browsers' lower priority (`yieldToHub` in stack.mjs): with the
 * hub as is and four busy loops beside the renderers, receivers' estimates fell to 65 kbit/s and
 * held every camera at the floor; with the renderers and the loops at nice 10 they climbed.
 */
function scheduling() {
  if (spawnSync('chrt', ['-f', '10', 'true']).status === 0) {
    return { prefix: ['chrt', '-f', '10'], label: 'chrt -f 10' };
  }
  // Without the right, nice says so on stderr and runs the command as is.
  const nice = spawnSync('nice', ['-n', '-10', 'true'], { encoding: 'utf8' });
  if (nice.status === 0 && nice.stderr === '') {
    return { prefix: ['nice', '-n', '-10'], label: 'nice -n -10' };
  }
  return { prefix: [], label: 'as is' };
}

export async function startHubProcess(signalUrl, options) {
  const { prefix, label } = scheduling();
  process.stderr.write(`media hub scheduled: ${label}\n`);
  const nodeArgs = process.env.MESHWORK_HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const [command = process.execPath, ...args] = [
    ...prefix,
    process.execPath,
    ...nodeArgs,
    '--import',
    'tsx',
    resolve(hubRoot, 'src/main.ts'),
  ];
  const hub = spawn(command, args, {
    cwd: hubRoot,
    env: {
      ...process.env,
      SIGNAL_URLS: signalUrl,
      HUB_SECRET: options.secret,
      HUB_HOST_ADDRESSES: '127.0.0.1',
      HUB_STATS_PORT: String(options.statsPort),
      HUB_SHAPING: options.shaping === false ? 'off' : 'on',
    },
    stdio: ['ignore', nodeArgs.length > 0 ? 'inherit' : 'ignore', 'inherit'],
  });
  const stats = async (query = '') => {
    const res = await fetch(`http://127.0.0.1:${options.statsPort}/stats${query}`);
    return await res.json();
  };
  // Bounded wait for the hub process to listen (not an ordering sleep).
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while ((await stats().catch(() => null)) === null) {
    if (Date.now() > deadline) {
      // Not left running (with real-time priority) after the caller gave up on it.
      hub.kill('SIGKILL');
      throw new Error('the media hub did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    scheduling: label,
    stats,
    async close() {
      if (hub.exitCode !== null) return;
      const exited = once(hub, 'exit');
      hub.kill('SIGTERM');
      await exited;
    },
  };
}
