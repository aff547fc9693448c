// The signal app in its own process (in the switch namespace): listens on the given address and
// says so over IPC; SIGKILL it to crash it, start another with the same secret to restart it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSignalServer } from '@meshwork/signal';
import type { SignalChildConfig, SignalReply, SignalRequest } from './messages';

const config = JSON.parse(process.argv[2] ?? '{}') as SignalChildConfig;
const http = createServer();
createSignalServer(http, {
  serveHttp: false,
  config: {
    iceServers: [],
    // Every bot is a host of the test's own network: the per-address limits would only get in the way.
    maxConnectionsPerIp: 1_000,
    joinsPerIpPerMinute: 10_000,
    resumeSecret: config.resumeSecret,
    resumeGraceMs: config.resumeGraceMs,
  },
});
http.listen(config.port, config.host, () => {
  const { port } = http.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://${config.host}:${port}` } satisfies SignalReply);
});
process.on('message', (req: SignalRequest) => {
  if (req.type !== 'heap') return;
  globalThis.gc?.();
  process.send?.({ id: req.id, heapUsed: process.memoryUsage().heapUsed } satisfies SignalReply);
});
process.on('disconnect', () => process.exit(0));
