import { round } from '../lib/stats';
import { autoReady, connectClient, joinRoom, readyForJoinPlan, type SignalClient } from './clients';
import { ServerProcess } from './ServerProcess';

/** How many peers to hold. */
export interface HeapOptions {
  peers: number;
  /** Sockets connecting and joining at once. */
  concurrency: number;
  timeBudgetMs: number;
}

/** Server memory per connected, joined peer, after a full GC. */
export interface HeapResult {
  peers: number;
  rooms: number;
  heapKbPerPeer: number;
  externalKbPerPeer: number;
  rssKbPerPeer: number;
}

const QUIET_MS = 1_500;
const QUIET_TIMEOUT_MS = 30_000;

/**
 * Joins `peers` sockets into rooms of 8-16 (each answering `planReady`, so plans commit), waits
 * until no event has arrived for a while, and compares the server's post-GC heap with its heap
 * before the first connection. Socket.IO and engine.io per-socket state is included: it is
 * what a connected peer costs the process.
 */
export async function measureHeap(options: HeapOptions): Promise<HeapResult> {
  const server = await ServerProcess.start({ mode: 'meshwork' });
  const sockets: SignalClient[] = [];
  let lastEventAt = Date.now();
  try {
    const before = await server.heap();
    const deadline = Date.now() + options.timeBudgetMs;
    const assignments: string[] = [];
    let room = 0;
    while (assignments.length < options.peers) {
      const size = 8 + (room % 9);
      for (let i = 0; i < size && assignments.length < options.peers; i++) {
        assignments.push(`heap-${room}`);
      }
      room += 1;
    }
    for (let i = 0; i < assignments.length; i += options.concurrency) {
      if (Date.now() > deadline) throw new Error('heap benchmark ran out of time while joining');
      const batch = assignments.slice(i, i + options.concurrency);
      const joined = await Promise.all(
        batch.map(async (roomId, j) => {
          const socket = await connectClient(server.url);
          socket.onAny(() => {
            lastEventAt = Date.now();
          });
          autoReady(socket);
          const res = await joinRoom(socket, roomId, `Peer ${i + j}`);
          if (!res.ok) throw new Error(`join refused: ${res.error}`);
          readyForJoinPlan(socket, res);
          return socket;
        }),
      );
      sockets.push(...joined);
    }
    const quietBy = Date.now() + QUIET_TIMEOUT_MS;
    while (Date.now() - lastEventAt < QUIET_MS && Date.now() < quietBy) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await server.heap();
    const n = sockets.length;
    return {
      peers: n,
      rooms: room,
      heapKbPerPeer: round((after.heapUsed - before.heapUsed) / 1024 / n, 2),
      externalKbPerPeer: round((after.external - before.external) / 1024 / n, 2),
      rssKbPerPeer: round((after.rss - before.rss) / 1024 / n, 2),
    };
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await server.stop();
  }
}

/**
 * Post-GC heap per connected socket of the bare Socket.IO relay (no join, no registry): the
 * floor any Socket.IO server pays per peer, to read `heapKbPerPeer` against.
 */
export async function measureBareSocketHeap(options: HeapOptions): Promise<number> {
  const server = await ServerProcess.start({ mode: 'bare' });
  const sockets: SignalClient[] = [];
  try {
    const before = await server.heap();
    const deadline = Date.now() + options.timeBudgetMs;
    for (let i = 0; i < options.peers; i += options.concurrency) {
      if (Date.now() > deadline) throw new Error('bare heap benchmark ran out of time');
      const batch = Math.min(options.concurrency, options.peers - i);
      sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => connectClient(server.url)))),
      );
    }
    const after = await server.heap();
    return round((after.heapUsed - before.heapUsed) / 1024 / sockets.length, 2);
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await server.stop();
  }
}
