// Several signal nodes on one Redis against one node, in the same run: join ack latency, relay
// latency and CPU per signal with the two ends on different nodes, Redis commands per join and
// per relayed signal, and heap per peer held on each node.
import { startRedis, type TestRedis } from '@meshwork/signal';
import { roundSummary, type Summary, summarize } from '../lib/stats';
import {
  autoReady,
  CLIENT_TIMEOUT_MS,
  connectClient,
  joinRoom,
  leaveAndClose,
  nowMs,
  readyForJoinPlan,
  type SignalClient,
} from './clients';
import { CANDIDATE } from './relay';
import { ServerProcess } from './ServerProcess';

/** How much to measure. */
export interface ClusterBenchOptions {
  nodes: number;
  warmupJoins: number;
  joins: number;
  /** Sequential signal round trips between two peers (under the 300-message socket burst). */
  pingPongs: number;
  /** Linked pairs sending `perPeerPerSecond` signals each for `floodMs`. */
  pairs: number;
  perPeerPerSecond: number;
  floodMs: number;
  /** Peers held across the nodes for the heap figure. */
  heapPeers: number;
}

/** Figures for one layout (one node, or a cluster). */
export interface LayoutFigures {
  joinAckMs: Summary;
  /** One-way relay latency: half a signal round trip between two peers. */
  relayOneWayMs: Summary;
  /** Server CPU (all nodes) per relayed signal under the flood. */
  relayUsPerMsg: number;
  /** V8 heap after GC per peer held, on each node. */
  heapKbPerPeer: number[];
  peersPerNode: number;
  /** Redis commands per join and per relayed signal (cluster only), background subtracted. */
  redisPerJoin?: number;
  redisPerSignal?: number;
  redisJoinCommands?: Record<string, number>;
  redisSignalCommands?: Record<string, number>;
  /** Redis commands per second with nothing happening (lease renewals, adapter reads). */
  redisIdlePerSecond?: number;
}

const ROOM_SIZE = 8;
const SECRET = 'bench-cluster-resume-secret-0123456789';

function waitEvent<T>(socket: SignalClient, event: string, match: (p: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const s = socket as unknown as {
      on(e: string, f: (p: T) => void): void;
      off(e: string, f: (p: T) => void): void;
    };
    const timer = setTimeout(() => {
      s.off(event, on);
      reject(new Error(`no ${event} within ${CLIENT_TIMEOUT_MS} ms`));
    }, CLIENT_TIMEOUT_MS);
    const on = (p: T) => {
      if (!match(p)) return;
      clearTimeout(timer);
      s.off(event, on);
      resolve(p);
    };
    s.on(event, on);
  });
}

async function commandCalls(redis: TestRedis | null): Promise<Map<string, number>> {
  return redis ? redis.commandCalls() : new Map();
}

function delta(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [cmd, n] of after) {
    const d = n - (before.get(cmd) ?? 0);
    if (d > 0 && cmd !== 'info') out.set(cmd, d);
  }
  return out;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** Per-unit counts, minus what the idle cluster does in the same time. */
function perUnit(
  m: Map<string, number>,
  idle: Map<string, number>,
  idleMs: number,
  ms: number,
  units: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [cmd, n] of m) {
    const background = ((idle.get(cmd) ?? 0) * ms) / idleMs;
    const v = Math.max(0, n - background) / units;
    if (v >= 0.01) out[cmd] = Math.round(v * 100) / 100;
  }
  return out;
}

async function cpuUs(nodes: ServerProcess[]): Promise<number> {
  const all = await Promise.all(nodes.map((n) => n.cpu()));
  return all.reduce((sum, c) => sum + c.usage.user + c.usage.system, 0);
}

/** Runs one layout: `n` nodes (a cluster on `redis`), or one node without Redis. */
async function layout(
  options: ClusterBenchOptions,
  redis: TestRedis | null,
  n: number,
): Promise<LayoutFigures> {
  const config = redis
    ? { resumeSecret: SECRET, cluster: { redisUrl: redis.url, leaseMs: 5_000 } }
    : {};
  const nodes: ServerProcess[] = [];
  for (let i = 0; i < n; i++) nodes.push(await ServerProcess.start({ mode: 'meshwork', config }));
  const urlFor = (i: number) => (nodes[i % nodes.length] as ServerProcess).url;
  const figures: Partial<LayoutFigures> = {};
  try {
    // Idle Redis traffic (lease renewals, the adapter's blocking reads), to subtract.
    const idleMs = 3_000;
    const idle0 = await commandCalls(redis);
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    const idle = delta(await commandCalls(redis), idle0);
    if (redis) figures.redisIdlePerSecond = Math.round((total(idle) * 1000) / idleMs);

    // Joins: peer i of a room on node i mod n, each join after the previous plan committed.
    const joinMs: number[] = [];
    let members: SignalClient[] = [];
    let room = 0;
    const j0 = await commandCalls(redis);
    const jt0 = Date.now();
    for (let i = 0; i < options.warmupJoins + options.joins; i++) {
      const socket = await connectClient(urlFor(members.length));
      autoReady(socket);
      const t = nowMs();
      const res = await joinRoom(socket, `bench-${room}`, `Peer ${i}`);
      const acked = nowMs();
      if (!res.ok) throw new Error(`join refused: ${res.error}`);
      readyForJoinPlan(socket, res);
      if (i >= options.warmupJoins) joinMs.push(acked - t);
      members.push(socket);
      if (members.length > 1) {
        await waitEvent<{ version: number }>(
          socket,
          'planCommitted',
          (e) => e.version >= res.plan.version,
        );
      }
      if (members.length >= ROOM_SIZE) {
        await Promise.all(members.map(leaveAndClose));
        members = [];
        room++;
      }
    }
    const joinDelta = delta(await commandCalls(redis), j0);
    const joinWall = Date.now() - jt0;
    await Promise.all(members.map(leaveAndClose));
    figures.joinAckMs = roundSummary(summarize(joinMs));
    if (redis) {
      const joins = options.warmupJoins + options.joins;
      figures.redisJoinCommands = perUnit(joinDelta, idle, idleMs, joinWall, joins);
      figures.redisPerJoin =
        Math.round(Object.values(figures.redisJoinCommands).reduce((a, b) => a + b, 0) * 100) / 100;
    }

    // Linked pairs, the two ends on different nodes when there are several.
    const pairs: { a: SignalClient; b: SignalClient; aId: string; bId: string; epoch: number }[] =
      [];
    for (let p = 0; p < options.pairs; p++) {
      const a = await connectClient(urlFor(0));
      const b = await connectClient(urlFor(1));
      autoReady(a);
      autoReady(b);
      const ra = await joinRoom(a, `pair-${p}`, 'A');
      const rb = await joinRoom(b, `pair-${p}`, 'B');
      if (!ra.ok || !rb.ok) throw new Error('pair join refused');
      readyForJoinPlan(b, rb);
      const epoch = rb.plan.links[0]?.epoch ?? 0;
      pairs.push({ a, b, aId: ra.selfId, bId: rb.selfId, epoch });
    }
    // Ping-pong: one signal at a time, A -> B -> A.
    const first = pairs[0];
    if (!first) throw new Error('no pair');
    first.b.on('signal', (m) =>
      first.b.emit('signal', { to: first.aId, epoch: m.epoch, signal: CANDIDATE }),
    );
    const oneWay: number[] = [];
    for (const s of [first.a, first.b]) {
      s.on('signalRejected', (r) => console.error(`signal rejected: ${r.error}`));
      s.on('serverError', (r) => console.error(`server error: ${r.error}`));
    }
    for (let i = 0; i < options.pingPongs; i++) {
      const back = waitEvent(first.a, 'signal', () => true);
      const t = nowMs();
      first.a.emit('signal', { to: first.bId, epoch: first.epoch, signal: CANDIDATE });
      await back;
      if (i >= 20) oneWay.push((nowMs() - t) / 2);
    }
    first.b.removeAllListeners('signal');
    figures.relayOneWayMs = roundSummary(summarize(oneWay));

    // Flood: every peer sends to its partner without an ack, counted at the receivers.
    let received = 0;
    for (const p of pairs) {
      p.a.on('signal', () => received++);
      p.b.on('signal', () => received++);
    }
    const cpu0 = await cpuUs(nodes);
    const f0 = await commandCalls(redis);
    const ft0 = Date.now();
    let sent = 0;
    const tickMs = 50;
    const perTick = (options.perPeerPerSecond * tickMs) / 1000;
    while (Date.now() - ft0 < options.floodMs) {
      for (const p of pairs) {
        for (let k = 0; k < perTick; k++) {
          p.a.emit('signal', { to: p.bId, epoch: p.epoch, signal: CANDIDATE });
          p.b.emit('signal', { to: p.aId, epoch: p.epoch, signal: CANDIDATE });
          sent += 2;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
    const drainBy = Date.now() + 10_000;
    while (received < sent && Date.now() < drainBy) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const floodWall = Date.now() - ft0;
    const cpu = (await cpuUs(nodes)) - cpu0;
    const floodDelta = delta(await commandCalls(redis), f0);
    figures.relayUsPerMsg = Math.round((cpu / Math.max(1, received)) * 100) / 100;
    if (redis) {
      figures.redisSignalCommands = perUnit(floodDelta, idle, idleMs, floodWall, received);
      figures.redisPerSignal =
        Math.round(Object.values(figures.redisSignalCommands).reduce((a, b) => a + b, 0) * 100) /
        100;
    }
    await Promise.all(pairs.flatMap((p) => [leaveAndClose(p.a), leaveAndClose(p.b)]));

    // Heap per peer held: rooms of 8 spread over the nodes, plans committed.
    const base = await Promise.all(nodes.map((node) => node.heap()));
    const held: SignalClient[] = [];
    for (let r = 0; r * ROOM_SIZE < options.heapPeers; r++) {
      for (let k = 0; k < ROOM_SIZE; k++) {
        const socket = await connectClient(urlFor(k));
        autoReady(socket);
        const res = await joinRoom(socket, `held-${r}`, `Held ${k}`);
        if (!res.ok) throw new Error(`held join refused: ${res.error}`);
        readyForJoinPlan(socket, res);
        held.push(socket);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await Promise.all(nodes.map((node) => node.heap()));
    const perNode = held.length / nodes.length;
    figures.peersPerNode = perNode;
    figures.heapKbPerPeer = after.map(
      (h, i) => Math.round(((h.heapUsed - (base[i]?.heapUsed ?? 0)) / 1024 / perNode) * 100) / 100,
    );
    await Promise.all(held.map(leaveAndClose));
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
  return figures as LayoutFigures;
}

/** One node without Redis, then `nodes` nodes on one Redis, in the same run. */
export async function measureCluster(
  options: ClusterBenchOptions,
): Promise<{ single: LayoutFigures; cluster: LayoutFigures }> {
  const single = await layout(options, null, 1);
  const redis = await startRedis();
  try {
    const cluster = await layout(options, redis, options.nodes);
    return { single, cluster };
  } finally {
    await redis.stop();
  }
}
