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
 * Starts a signal app on 127.0.0.1 (`port` 0 picks a free one; pass a port to restart on the same
 * address). No STUN/TURN is configured: peers use host candidates only.
 */
export async function startSignal(
  options: { port?: number; resumeSecret?: string; deps?: SignalServerDeps } = {},
): Promise<TestSignal> {
  const http = createServer();
  const deps: SignalServerDeps = {
    serveHttp: false,
    ...options.deps,
    config: {
      iceServers: [],
      ...(options.resumeSecret ? { resumeSecret: options.resumeSecret } : {}),
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
