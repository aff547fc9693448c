import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { until } from '@meshwork/kit';
import { createClient } from 'redis';

/** How long a started redis-server gets to answer PING. */
const REDIS_START_TIMEOUT_MS = 15_000;

/** A redis-server this process started on 127.0.0.1, with no persistence. */
export interface TestRedis {
  port: number;
  url: string;
  /** Stops it (SIGKILL if it ignores SIGTERM). Idempotent. */
  stop(): Promise<void>;
  /** Stops it (if running) and starts a fresh, empty one on the same port (a Redis restart). */
  restart(): Promise<void>;
  /** `INFO commandstats` as command -> calls. */
  commandCalls(): Promise<Map<string, number>>;
}

/** A free TCP port on 127.0.0.1 (bound once, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function ping(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

function launch(binary: string, port: number): ChildProcess {
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  child.on('error', () => {});
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `redis-server` (`REDIS_SERVER_PATH`, else `redis-server` on the PATH) on a free loopback
 * port with `--save '' --appendonly no`, and waits until it answers PING.
 */
export async function startRedis(
  binary = process.env.REDIS_SERVER_PATH ?? 'redis-server',
): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = launch(binary, port);
  const ready = async () => {
    await until(() => ping(url), {
      what: `redis-server (${binary}) on port ${port} to answer`,
      timeoutMs: REDIS_START_TIMEOUT_MS,
      intervalMs: 50,
    });
  };
  await ready();
  let stopping: Promise<void> | null = null;
  return {
    port,
    url,
    stop() {
      stopping ??= kill(child);
      return stopping;
    },
    async restart() {
      await kill(child);
      stopping = null;
      child = launch(binary, port);
      await ready();
    },
    async commandCalls() {
      const client = createClient({ url, socket: { reconnectStrategy: false } });
      client.on('error', () => {});
      await client.connect();
      try {
        const info = await client.info('commandstats');
        const calls = new Map<string, number>();
        for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
          calls.set(match[1] ?? '', Number(match[2]));
        }
        return calls;
      } finally {
        client.destroy();
      }
    },
  };
}
