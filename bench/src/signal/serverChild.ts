// A server in its own process, so the benchmark's clients do not share its CPU or heap.
// argv[2]: 'meshwork' | 'bare' | 'bare-ack'; argv[3]: optional JSON of signal config overrides.
// Relayed messages are counted by the receiving clients, so both servers run the same code path.
// Talks to the parent over IPC: 'ready' with the port, then answers 'cpu', 'loop', 'heap',
// 'snapshot' (a V8 heap snapshot after a full GC, written to the given path) and 'stop'.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { createSignalServer, type SignalServerDeps } from '@meshwork/signal';
import { Server } from 'socket.io';
import type { ChildReply, ChildRequest, ServerMode } from './protocol';

const mode = (process.argv[2] ?? 'meshwork') as ServerMode;
// Every benchmark client connects from 127.0.0.1, so the per-address limits ([P18]) are lifted
// (large numbers, not Infinity: JSON would turn it into null).
const LOOPBACK_LIMITS = {
  maxConnectionsPerIp: 1e6,
  joinsPerIpPerMinute: 1e6,
  maxJoinQueuePerRoom: 1e6,
};
const overrides = {
  ...LOOPBACK_LIMITS,
  ...(JSON.parse(process.argv[3] ?? '{}') as SignalServerDeps['config']),
} as SignalServerDeps['config'];

const httpServer = createServer();
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let closeServer: () => Promise<void>;

if (mode === 'meshwork') {
  const deps: SignalServerDeps = { serveHttp: overrides?.webRoot !== undefined };
  if (overrides) deps.config = overrides;
  const signal = createSignalServer(httpServer, deps);
  closeServer = () => signal.close();
  // A cluster node takes joins once Redis answered: listen only then.
  await signal.ready;
} else {
  // The bare relay: no schema, no registry, no rate limit; the floor any relay pays.
  const io = new Server(httpServer, { serveClient: false });
  const withAck = mode === 'bare-ack';
  io.on('connection', (socket) => {
    socket.on('signal', (m: { to: string }, ack?: (r: unknown) => void) => {
      io.to(m.to).emit('signal', m);
      if (withAck && typeof ack === 'function') ack({ ok: true });
    });
  });
  closeServer = () => new Promise<void>((resolve) => io.close(() => resolve()));
}

function reply(message: ChildReply): void {
  process.send?.(message);
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the server child with --expose-gc');
  for (let i = 0; i < 4; i++) gc();
}

process.on('message', (raw) => {
  const req = raw as ChildRequest;
  if (req.type === 'cpu') {
    reply({ type: 'cpu', usage: process.cpuUsage() });
  } else if (req.type === 'loop') {
    reply({
      type: 'loop',
      p99Ms: loopDelay.percentile(99) / 1e6,
      maxMs: loopDelay.max / 1e6,
    });
    loopDelay.reset();
  } else if (req.type === 'heap') {
    collectGarbage();
    const m = process.memoryUsage();
    reply({ type: 'heap', heapUsed: m.heapUsed, external: m.external, rss: m.rss });
  } else if (req.type === 'snapshot') {
    collectGarbage();
    reply({ type: 'snapshot', path: writeHeapSnapshot(req.path) });
  } else if (req.type === 'stop') {
    void closeServer().finally(() => {
      reply({ type: 'stopped' });
      process.exit(0);
    });
  }
});

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  reply({ type: 'ready', port });
});
