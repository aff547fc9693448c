// The media hub (apps/hub) as its own process beside a test's stack, as `npm start` runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

const hubRoot = resolve(import.meta.dirname, '../../hub');

/** What the tests read of the hub's `GET /stats` (its rooms and per-origin counters). */
export interface HubStats {
  hubs: Array<{
    rooms: Array<{
      roomId: string;
      isHub: boolean;
      origins: Array<{ origin: string; packetsForwarded: number; framesDecoded: number }>;
    }>;
  }>;
}

/** A running hub process and its HTTP endpoint. */
export interface MediaHubProcess {
  /** `GET /stats<query>` of the hub, parsed. */
  stats(query?: string): Promise<HubStats>;
  /** Stops the hub (SIGTERM: it leaves its rooms) and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts a hub serving `signalUrl` with `secret`, its endpoint on 127.0.0.1:`statsPort`, and
 * resolves once it answers. A hub runs on a machine of its own; here it shares two cores with
 * the renderers and the test. Starved, its event loop ran 1.6 s late, its links' pings went
 * unanswered past the silence bound ([M23]) and the room rightly routed around it. `nice` gives
 * it (and the node process tsx starts) the CPU it would have; without the right to, it runs as is.
 */
export async function startMediaHub(
  signalUrl: string,
  options: { secret: string; statsPort: number },
): Promise<MediaHubProcess> {
  const hub: ChildProcess = spawn(
    'nice',
    ['-n', '-10', resolve(hubRoot, 'node_modules/.bin/tsx'), resolve(hubRoot, 'src/main.ts')],
    {
      cwd: hubRoot,
      env: {
        ...process.env,
        SIGNAL_URLS: signalUrl,
        HUB_SECRET: options.secret,
        HUB_HOST_ADDRESSES: '127.0.0.1',
        HUB_STATS_PORT: String(options.statsPort),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stats = async (query = ''): Promise<HubStats> => {
    const res = await fetch(`http://127.0.0.1:${options.statsPort}/stats${query}`);
    return (await res.json()) as HubStats;
  };
  // Bounded wait for the hub process to listen (not an ordering sleep).
  const deadline = Date.now() + 30_000;
  while ((await stats().catch(() => null)) === null) {
    if (Date.now() > deadline) throw new Error('the media hub did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    stats,
    async close() {
      if (hub.exitCode !== null) return;
      const exited = once(hub, 'exit');
      hub.kill('SIGTERM');
      await exited;
    },
  };
}
