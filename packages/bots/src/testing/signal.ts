import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignalServer, type SignalServer, type SignalServerDeps } from '@meshwork/signal';

/** A signal app on 127.0.0.1 for tests and benchmarks. */
export interface TestSignal {
  server: SignalServer;
  port: number;
  url: string;
  /** Closes the signal app and its http server. Idempotent. */
  close(): Promise<void>;
}

/**
 * Every bot of a test connects from 127.0.0.1, so the per-address limits ([P18]), meant for one
 * abuser's address, are raised far above what a suite's honest bots make.
 */
const TEST_ADDRESS_LIMITS = { maxConnectionsPerIp: 1_000, joinsPerIpPerMinute: 10_000 };

/**
 * Starts a signal app on 127.0.0.1 (`port` 0 picks a free one; pass a port to restart on the same
 * address). No STUN/TURN is configured: peers use host candidates only. `hubSecret` lets a media
 * hub that presents it claim `deviceClass: server` ([P17]).
 */
export async function startSignal(
  options: {
    port?: number;
    resumeSecret?: string;
    hubSecret?: string;
    deps?: SignalServerDeps;
  } = {},
): Promise<TestSignal> {
  const http = createServer();
  const deps: SignalServerDeps = {
    serveHttp: false,
    ...options.deps,
    config: {
      iceServers: [],
      ...TEST_ADDRESS_LIMITS,
      ...(options.resumeSecret ? { resumeSecret: options.resumeSecret } : {}),
      ...(options.hubSecret ? { hubSecret: options.hubSecret } : {}),
      ...options.deps?.config,
    },
  };
  const server = createSignalServer(http, deps);
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        await server.close();
        if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      })();
      return closing;
    },
  };
}
