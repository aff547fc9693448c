// The media hub (apps/hub) as its own process beside a test's stack, as `npm start` runs it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForFramesAdvancing } from './harness';
import { describePeerConnections } from './peerConnectionReport';

const hubRoot = resolve(import.meta.dirname, '../../hub');

/** What the tests read of the hub's `GET /stats` (its rooms and per-origin counters). */
export interface HubStats {
  hubs: Array<{
    cpuPercent?: number;
    eventLoopDelay?: { p50Ms: number; p99Ms: number; maxMs: number };
    rooms: Array<{
      roomId: string;
      isHub: boolean;
      origins: Array<{ origin: string; packetsForwarded: number; framesDecoded: number }>;
      /** Receivers' estimates and the caps sent to origins (protocol SPEC [P32]). */
      shaping?: {
        receivers: Array<{ peer: string | null; estimateBps: number | null; videoStreams: number }>;
        origins: Array<{
          origin: string | null;
          receivedBps: number;
          capSentBps: number | null;
          capsSent: number;
        }>;
      };
    }>;
  }>;
}

/** A running hub process and its HTTP endpoint. */
export interface MediaHubProcess {
  /** How the hub process is scheduled: `chrt -f 10`, `nice -n -10`, or as is. */
  scheduling: string;
  /** `GET /stats<query>` of the hub, parsed. */
  stats(query?: string): Promise<HubStats>;
  /** Stops the hub (SIGTERM: it leaves its rooms) and waits for it to exit. */
  close(): Promise<void>;
}

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
function scheduling(): { prefix: string[]; label: string } {
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

/**
 * Starts a hub serving `signalUrl` with `secret`, its endpoint on 127.0.0.1:`statsPort`, and
 * resolves once it answers (within `startTimeoutMs`, 30 s by default). `MESHWORK_HUB_NODE_ARGS` adds node flags to the hub process (for
 * example `--cpu-prof --cpu-prof-dir=/tmp/hub` or `--trace-gc`, whose lines then reach stdout).
 */
export async function startMediaHub(
  signalUrl: string,
  options: { secret: string; statsPort: number; startTimeoutMs?: number; shaping?: boolean },
): Promise<MediaHubProcess> {
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
  const hub: ChildProcess = spawn(command, args, {
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
  const stats = async (query = ''): Promise<HubStats> => {
    const res = await fetch(`http://127.0.0.1:${options.statsPort}/stats${query}`);
    return (await res.json()) as HubStats;
  };
  // Bounded wait for the hub process to listen (not an ordering sleep).
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while ((await stats().catch(() => null)) === null) {
    if (Date.now() > deadline) {
      // Not left running (with real-time priority) after the test gave up on it.
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

/**
 * Waits for every tile of `page` to show `frames` more decoded frames; if they do not, the
 * failure first writes what each of `people`'s connections received per mid and what each of
 * the hub's transceivers sent.
 */
export async function flowingThroughHub(
  hub: MediaHubProcess,
  people: ReadonlyArray<readonly [string, Page]>,
  page: Page,
  frames: number,
): Promise<void> {
  try {
    await waitForFramesAdvancing(page, frames);
  } catch (error) {
    const report: Record<string, unknown> = {};
    for (const [name, p] of people) report[name] = await describePeerConnections(p).catch(String);
    report.hub = await hub.stats('?links=1').catch(String);
    process.stderr.write(`what arrived: ${JSON.stringify(report)}\n`);
    throw error;
  }
}
