import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from '@meshwork/kit';
import { freePort } from './redisServer';

/** How long a started signal node process gets to answer `/healthz`. */
const NODE_START_TIMEOUT_MS = 120_000;

/** A signal app running as a child process (`src/main.ts` under tsx), so a test can SIGKILL it. */
export interface SignalNodeProcess {
  port: number;
  url: string;
  /** Ends it at once with SIGKILL: no lease released, no socket closed politely. */
  kill(): Promise<void>;
  /** `/healthz` as JSON (throws if the node does not answer). */
  health(): Promise<{
    status: string;
    cluster?: { nodeId: string; redis: string; ownedRooms: number };
  }>;
  /** Stops it with SIGTERM (SIGKILL if it hangs). Idempotent. */
  stop(): Promise<void>;
}

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../main.ts');

async function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}

/**
 * Starts `node --import tsx src/main.ts` on 127.0.0.1 and a free port with `env` added (for a
 * cluster: REDIS_URL, RESUME_SECRET, ...), and waits until `/healthz` answers 200.
 */
export async function startSignalNode(env: Record<string, string>): Promise<SignalNodeProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: resolve(dirname(MAIN), '..'),
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('error', () => {});
  const health = async () => {
    const res = await fetch(`${url}/healthz`);
    return (await res.json()) as Awaited<ReturnType<SignalNodeProcess['health']>>;
  };
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`signal node exited with ${child.exitCode}`);
      return fetch(`${url}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
    },
    {
      what: `a signal node on port ${port} to be healthy`,
      timeoutMs: NODE_START_TIMEOUT_MS,
      intervalMs: 100,
    },
  );
  let stopping: Promise<void> | null = null;
  return {
    port,
    url,
    health,
    kill: () => exited(child, 'SIGKILL'),
    stop() {
      stopping ??= exited(child, 'SIGTERM');
      return stopping;
    },
  };
}
