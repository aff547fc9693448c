import { round } from '../lib/stats';
import {
  autoReady,
  connectClient,
  joinRoom,
  leaveAndClose,
  readyForJoinPlan,
  type SignalClient,
} from './clients';
import { ServerProcess } from './ServerProcess';

/** How many peers to hold. */
export interface HeapOptions {
  peers: number;
  /** Sockets connecting and joining at once. */
  concurrency: number;
  timeBudgetMs: number;
  /**
   * Sockets that connect (and, on the signal app, join one room and leave) before the baseline
   * is read, so code compiled and caches filled on first use are not counted per peer. 0 if absent.
   */
  warmup?: number;
  /** Also write V8 heap snapshots of the server before the first connection and once loaded. */
  snapshots?: { before: string; after: string };
}

/** Server memory per connected, joined peer, after a full GC. */
export interface HeapResult {
  peers: number;
  rooms: number;
  heapKbPerPeer: number;
  externalKbPerPeer: number;
  rssKbPerPeer: number;
  /**
   * Heap growth per peer from the half-way point to the end: what one more peer costs, with
   * nothing paid once (code compiled and optimised, caches, the first rooms) in it.
   */
  marginalHeapKbPerPeer: number;
}

const QUIET_MS = 1_500;
/** How long the server gets to drop the warm-up sockets before the baseline is read. */
const SETTLE_MS = 1_000;

async function warmUp(url: string, sockets: number, join: boolean): Promise<void> {
  if (sockets <= 0) return;
  const warm = await Promise.all(Array.from({ length: sockets }, () => connectClient(url)));
  if (join) {
    await Promise.all(
      warm.map(async (socket, i) => {
        autoReady(socket);
        const res = await joinRoom(socket, 'heap-warmup', `Warm ${i}`);
        if (!res.ok) throw new Error(`warm-up join refused: ${res.error}`);
        readyForJoinPlan(socket, res);
      }),
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    await Promise.all(warm.map((socket) => leaveAndClose(socket)));
  } else {
    for (const socket of warm) socket.close();
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
}
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
    await warmUp(server.url, options.warmup ?? 0, true);
    if (options.snapshots) await server.snapshot(options.snapshots.before);
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
    const quiet = async () => {
      const quietBy = Date.now() + QUIET_TIMEOUT_MS;
      while (Date.now() - lastEventAt < QUIET_MS && Date.now() < quietBy) {
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    let mid: { heapUsed: number; peers: number } | null = null;
    for (let i = 0; i < assignments.length; i += options.concurrency) {
      if (Date.now() > deadline) throw new Error('heap benchmark ran out of time while joining');
      if (mid === null && i >= assignments.length / 2) {
        await quiet();
        mid = { heapUsed: (await server.heap()).heapUsed, peers: sockets.length };
      }
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
    await quiet();
    const after = await server.heap();
    if (options.snapshots) await server.snapshot(options.snapshots.after);
    const n = sockets.length;
    const half = mid ?? { heapUsed: before.heapUsed, peers: 0 };
    return {
      peers: n,
      rooms: room,
      heapKbPerPeer: round((after.heapUsed - before.heapUsed) / 1024 / n, 2),
      externalKbPerPeer: round((after.external - before.external) / 1024 / n, 2),
      rssKbPerPeer: round((after.rss - before.rss) / 1024 / n, 2),
      marginalHeapKbPerPeer: round((after.heapUsed - half.heapUsed) / 1024 / (n - half.peers), 2),
    };
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await server.stop();
  }
}

/** Post-GC heap per connection of the bare relay, overall and from the half-way point on. */
export interface BareHeapResult {
  heapKbPerConnection: number;
  marginalHeapKbPerConnection: number;
}

/**
 * Post-GC heap per connected socket of the bare Socket.IO relay (no join, no registry): the
 * floor any Socket.IO server pays per peer, to read `heapKbPerPeer` against.
 */
export async function measureBareSocketHeap(options: HeapOptions): Promise<BareHeapResult> {
  const server = await ServerProcess.start({ mode: 'bare' });
  const sockets: SignalClient[] = [];
  try {
    await warmUp(server.url, options.warmup ?? 0, false);
    if (options.snapshots) await server.snapshot(options.snapshots.before);
    const before = await server.heap();
    const deadline = Date.now() + options.timeBudgetMs;
    let mid: { heapUsed: number; peers: number } | null = null;
    for (let i = 0; i < options.peers; i += options.concurrency) {
      if (Date.now() > deadline) throw new Error('bare heap benchmark ran out of time');
      if (mid === null && i >= options.peers / 2) {
        mid = { heapUsed: (await server.heap()).heapUsed, peers: sockets.length };
      }
      const batch = Math.min(options.concurrency, options.peers - i);
      sockets.push(
        ...(await Promise.all(Array.from({ length: batch }, () => connectClient(server.url)))),
      );
    }
    const after = await server.heap();
    if (options.snapshots) await server.snapshot(options.snapshots.after);
    const n = sockets.length;
    const half = mid ?? { heapUsed: before.heapUsed, peers: 0 };
    return {
      heapKbPerConnection: round((after.heapUsed - before.heapUsed) / 1024 / n, 2),
      marginalHeapKbPerConnection: round(
        (after.heapUsed - half.heapUsed) / 1024 / (n - half.peers),
        2,
      ),
    };
  } finally {
    await Promise.all(sockets.map((s) => s.close()));
    await server.stop();
  }
}
