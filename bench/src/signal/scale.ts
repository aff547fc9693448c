import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { round, summarize } from '../lib/stats';
import {
  autoReady,
  connectClient,
  joinRoom,
  leaveAndClose,
  nowMs,
  readyForJoinPlan,
  type SignalClient,
} from './clients';
import type { LoadReply, LoadRequest } from './loadProtocol';
import { ServerProcess } from './ServerProcess';

const LOAD_CHILD = fileURLToPath(new URL('./loadChild.ts', import.meta.url));
/** Joins made at each level before the timed ones. */
const PROBE_WARMUP = 20;
/** How long the load generator may take to reach one level. */
const GROW_TIMEOUT_MS = 1_800_000;

/** What the scale benchmark does at each level. */
export interface ScaleOptions {
  /** Sockets the load generator holds, level by level (ascending). */
  levels: readonly number[];
  /** Joins timed at each level, one at a time, into probe rooms of up to `probeRoomSize`. */
  probeJoins: number;
  probeRoomSize: number;
  /** Sockets the load generator connects and joins at once. */
  concurrency: number;
}

/** One level of the curve. */
export interface ScaleLevel {
  sockets: number;
  rooms: number;
  joinAckP50Ms: number;
  joinAckP99Ms: number;
  joinAckMaxMs: number;
  /** Server heap after a full GC, MB. */
  heapMb: number;
  rssMb: number;
  /** How long the load generator took to add this level's sockets, s. */
  growS: number;
}

class LoadGenerator {
  readonly #child: ChildProcess;
  private constructor(child: ChildProcess) {
    this.#child = child;
  }

  static async start(): Promise<LoadGenerator> {
    const child = fork(LOAD_CHILD, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const load = new LoadGenerator(child);
    await load.#next('ready', 60_000);
    return load;
  }

  async grow(url: string, total: number, concurrency: number) {
    const answer = this.#next('grown', GROW_TIMEOUT_MS);
    this.#child.send({ type: 'grow', url, total, concurrency } satisfies LoadRequest);
    return answer;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.#child.once('exit', () => r()));
    this.#child.send({ type: 'stop' } satisfies LoadRequest);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  #next<T extends LoadReply['type']>(type: T, timeoutMs: number) {
    return new Promise<Extract<LoadReply, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`load generator gave no '${type}'`)),
        timeoutMs,
      );
      const onMessage = (raw: unknown) => {
        const msg = raw as LoadReply;
        if (msg.type === 'failed') done(new Error(`load generator: ${msg.message}`));
        else if (msg.type === type) done(null, msg as Extract<LoadReply, { type: T }>);
      };
      const onExit = (code: number | null) => done(new Error(`load generator exited (${code})`));
      const done = (err: Error | null, msg?: Extract<LoadReply, { type: T }>) => {
        clearTimeout(timer);
        this.#child.off('message', onMessage);
        this.#child.off('exit', onExit);
        if (err) reject(err);
        else resolve(msg as Extract<LoadReply, { type: T }>);
      };
      this.#child.on('message', onMessage);
      this.#child.once('exit', onExit);
    });
  }
}

/** Times `count` joins one after another (each acked before the next), then leaves. */
async function probe(url: string, level: number, options: ScaleOptions): Promise<number[]> {
  const sockets: SignalClient[] = [];
  const samples: number[] = [];
  try {
    for (let i = 0; i < options.probeJoins + PROBE_WARMUP; i++) {
      const socket = await connectClient(url);
      sockets.push(socket);
      autoReady(socket);
      const room = `probe-${level}-${Math.floor(i / options.probeRoomSize)}`;
      const t0 = nowMs();
      const res = await joinRoom(socket, room, `Probe ${i}`);
      // The first joins of a level are not counted: the server's code paths warm up again.
      if (i >= PROBE_WARMUP) samples.push(nowMs() - t0);
      if (!res.ok) throw new Error(`probe join refused: ${res.error}`);
      readyForJoinPlan(socket, res);
    }
  } finally {
    await Promise.all(sockets.map((s) => leaveAndClose(s)));
  }
  return samples;
}

/**
 * How one signal node holds up as peers grow: a load generator in its own process holds
 * `levels` sockets joined in rooms of 8-16 (plans committed); at each level the measuring
 * process times `probeJoins` joins and reads the server's post-GC heap.
 */
export async function measureScale(options: ScaleOptions): Promise<ScaleLevel[]> {
  const server = await ServerProcess.start({ mode: 'meshwork' });
  const load = await LoadGenerator.start();
  const levels: ScaleLevel[] = [];
  try {
    for (const sockets of options.levels) {
      const grown = await load.grow(server.url, sockets, options.concurrency);
      await new Promise((r) => setTimeout(r, 2_000));
      const samples = await probe(server.url, sockets, options);
      const s = summarize(samples);
      const heap = await server.heap();
      const level: ScaleLevel = {
        sockets: grown.total,
        rooms: grown.rooms,
        joinAckP50Ms: round(s.p50, 2),
        joinAckP99Ms: round(s.p99, 2),
        joinAckMaxMs: round(s.max, 2),
        heapMb: round(heap.heapUsed / 1024 / 1024, 1),
        rssMb: round(heap.rss / 1024 / 1024, 1),
        growS: round(grown.ms / 1000, 1),
      };
      console.info(
        `  ${level.sockets} sockets in ${level.rooms} rooms: join ack p50 ${level.joinAckP50Ms} ms, ` +
          `p99 ${level.joinAckP99Ms} ms, max ${level.joinAckMaxMs} ms; heap ${level.heapMb} MB, ` +
          `rss ${level.rssMb} MB (grown in ${level.growS} s)`,
      );
      levels.push(level);
    }
  } finally {
    await load.stop();
    await server.stop();
  }
  return levels;
}
