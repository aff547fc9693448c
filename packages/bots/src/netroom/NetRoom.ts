import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ChildExit, exitOf, type Host, Network, stopChild } from '@meshwork/netlab';
import type { Topology } from '@meshwork/protocol';
import type {
  BotChildConfig,
  BotReply,
  BotReport,
  BotRequest,
  SignalChildConfig,
  SignalReply,
} from './messages';

/** How long a child may take to start (join, or listen) or to answer one request. */
export const CHILD_TIMEOUT_MS = 60_000;
/** Port of the signal app on the switch. */
export const NETROOM_SIGNAL_PORT = 8080;

const TSX = import.meta.resolve('tsx');
const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** A request without its id (the room numbers them). */
export type BotRequestBody = BotRequest extends infer R
  ? R extends BotRequest
    ? Omit<R, 'id'>
    : never
  : never;

/** One bot of a net room: its host and its process. */
export interface NetBot {
  readonly index: number;
  readonly host: Host;
  readonly child: ChildProcess;
  peerId: string;
  /** Set when the room stops the process (crash, leave) or has reported its death: accounted for. */
  exitAccounted: boolean;
}

/** A bot whose process ended without the room stopping it. */
export interface DeadBot {
  index: number;
  exit: ChildExit;
}

/** How a net room is made. */
export interface NetRoomOptions {
  bots: number;
  room?: string;
  video?: { width: number; height: number; fps: number };
  /** The signal app's resume grace period (default 15 s). */
  resumeGraceMs?: number;
}

/**
 * A room of wrtc bots on a real network (netlab): each bot in its own namespace and process,
 * the signal app in the switch namespace. Faults go through `net`; `report` reads a bot.
 */
export class NetRoom {
  readonly bots: NetBot[] = [];
  private signalChild: ChildProcess | null = null;
  private nextId = 1;
  private url = '';

  private constructor(
    readonly net: Network,
    private readonly options: Required<NetRoomOptions>,
  ) {}

  /** Makes the network, starts the signal app and joins every bot (one after another, in order). */
  static async start(options: NetRoomOptions): Promise<NetRoom> {
    const net = await Network.create({ hosts: options.bots });
    const room = new NetRoom(net, {
      room: 'netroom',
      video: { width: 160, height: 120, fps: 15 },
      resumeGraceMs: 15_000,
      ...options,
    });
    try {
      await room.startSignal();
      for (let i = 0; i < options.bots; i++) await room.startBot(i);
    } catch (err) {
      await room.close();
      throw err;
    }
    return room;
  }

  /** Starts (or restarts) the signal app on the switch, with the same secret as before. */
  async startSignal(): Promise<void> {
    const config: SignalChildConfig = {
      host: this.net.switchAddress,
      port: NETROOM_SIGNAL_PORT,
      resumeSecret: 'netroom-resume-secret-of-this-test-network',
      resumeGraceMs: this.options.resumeGraceMs,
    };
    const child = this.net.spawn(
      this.net.switchNs,
      [
        process.execPath,
        '--expose-gc',
        '--import',
        TSX,
        script('signalChild.ts'),
        JSON.stringify(config),
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    this.signalChild = child;
    const ready = await nextMessage<SignalReply>(child, (m) => 'url' in m, 'signal app ready');
    if ('url' in ready) this.url = ready.url;
  }

  /** SIGKILLs the signal app (no goodbye to anyone) and waits for it to be gone. */
  async killSignal(): Promise<void> {
    const child = this.signalChild;
    this.signalChild = null;
    if (child) await stopChild(child, 'SIGKILL');
  }

  /** The signal app's heap after a full GC. */
  async signalHeap(): Promise<number> {
    const child = this.signalChild;
    if (!child) throw new Error('The signal app is not running');
    const id = this.nextId++;
    child.send({ id, type: 'heap' });
    const reply = await nextMessage<SignalReply>(child, (m) => 'id' in m && m.id === id, 'heap');
    return 'heapUsed' in reply ? reply.heapUsed : Number.NaN;
  }

  /** SIGKILLs bot `index` (its sockets close at once, as when a tab crashes). */
  async crashBot(index: number): Promise<void> {
    const bot = this.bots[index];
    if (!bot) return;
    bot.exitAccounted = true;
    await stopChild(bot.child, 'SIGKILL');
  }

  /** Tells the room that bot `index` is about to end its own process (it was asked to leave). */
  expectExit(index: number): void {
    const bot = this.bots[index];
    if (bot) bot.exitAccounted = true;
  }

  /**
   * Bots whose process ended without the room stopping it (a native crash of WebRTC, say),
   * each reported once.
   */
  diedOnTheirOwn(): DeadBot[] {
    const out: DeadBot[] = [];
    for (const bot of this.bots) {
      const exit = bot && !bot.exitAccounted ? exitOf(bot.child) : null;
      if (!bot || !exit) continue;
      out.push({ index: bot.index, exit });
      bot.exitAccounted = true;
    }
    return out;
  }

  /** Cuts bot `index`'s network (nothing is closed). */
  cut(index: number): Promise<void> {
    return this.net.cut(this.hostOf(index));
  }

  /** Restores bot `index`'s network. */
  restore(index: number): Promise<void> {
    return this.net.restore(this.hostOf(index));
  }

  /** Drops `percent` % of bot `index`'s packets each way (0 ends it). */
  loss(index: number, percent: number): Promise<void> {
    return this.net.loss(this.hostOf(index), percent);
  }

  private hostOf(index: number): Host {
    const host = this.net.hosts[index];
    if (!host) throw new RangeError(`No host ${index}`);
    return host;
  }

  /** Starts bot `index` in its host and waits until it has joined. */
  async startBot(index: number): Promise<NetBot> {
    const host = this.net.hosts[index];
    if (!host) throw new RangeError(`No host ${index}`);
    const config: BotChildConfig = {
      url: this.url,
      room: this.options.room,
      name: `Bot ${index + 1}`,
      index,
      video: this.options.video,
    };
    const child = this.net.spawn(
      host.ns,
      [process.execPath, '--import', TSX, script('botChild.ts'), JSON.stringify(config)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const bot: NetBot = { index, host, child, peerId: '', exitAccounted: false };
    // A send to a process that has just died emits 'error'; `ask` reports it instead.
    child.on('error', () => undefined);
    const ready = await nextMessage<BotReply>(
      child,
      (m) => 'type' in m && (m.type === 'ready' || m.type === 'failed'),
      `bot ${index + 1} joined`,
    );
    if ('type' in ready && ready.type === 'failed')
      throw new Error(`bot ${index + 1}: ${ready.message}`);
    this.bots[index] = bot;
    bot.peerId = (await this.report(index)).peerId ?? '';
    return bot;
  }

  /** Asks bot `index` something and resolves with its answer. */
  async ask<T>(index: number, request: BotRequestBody): Promise<T> {
    const bot = this.bots[index];
    if (!bot) throw new RangeError(`No bot ${index}`);
    const id = this.nextId++;
    const gone = () =>
      new Error(`bot ${index + 1} ${request.type}: ${describeExit(exitOf(bot.child))}`);
    if (!bot.child.connected) throw gone();
    const reply = await Promise.race([
      nextMessage<BotReply>(bot.child, (m) => 'id' in m && m.id === id, request.type),
      new Promise<never>((_, reject) => {
        bot.child.send({ ...request, id }, (err) => {
          if (err) reject(gone());
        });
      }),
    ]);
    if ('ok' in reply && reply.ok) return reply.result as T;
    throw new Error(
      `bot ${index + 1} ${request.type}: ${'message' in reply ? reply.message : '?'}`,
    );
  }

  /** What bot `index` reports now. */
  report(index: number): Promise<BotReport> {
    return this.ask<BotReport>(index, { type: 'report' });
  }

  /** Every running bot's report, in bot order. */
  reports(): Promise<BotReport[]> {
    return Promise.all(this.bots.map((b) => this.report(b.index)));
  }

  /** Starts a new gap window at every bot. */
  async resetGaps(): Promise<void> {
    await Promise.all(this.bots.map((b) => this.ask(b.index, { type: 'resetGaps' })));
  }

  /** Sets the topology through bot `by`. */
  setTopology(by: number, topology: Topology): Promise<unknown> {
    return this.ask(by, { type: 'setTopology', topology });
  }

  /**
   * Polls the reports (every `everyMs`) until `predicate` holds; rejects after `timeoutMs`
   * with `what` and the last reports. Returns the reports that satisfied it.
   */
  async until(
    predicate: (reports: BotReport[]) => boolean,
    what: string,
    { timeoutMs = 30_000, everyMs = 100 }: { timeoutMs?: number; everyMs?: number } = {},
  ): Promise<BotReport[]> {
    const deadline = Date.now() + timeoutMs;
    let last: BotReport[] = [];
    for (;;) {
      last = await this.reports();
      if (predicate(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last.map(brief))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** Stops every bot and the signal app and deletes the network. Idempotent. */
  async close(): Promise<void> {
    await this.net.close();
  }
}

/** How a bot's process ended, in words. */
export function describeExit(exit: ChildExit | null): string {
  if (!exit) return 'its process is not connected';
  return exit.signal
    ? `its process was killed by ${exit.signal}`
    : `its process exited with code ${exit.code}`;
}

/** A short form of a report for error messages. */
export function brief(r: BotReport) {
  return {
    id: r.peerId,
    status: r.status,
    plan: r.plan && `${r.plan.topology} v${r.plan.version} hub=${r.plan.hub}`,
    origins: r.origins.map((o) => `${o.origin}:${o.framesDecoded}/${Math.round(o.gapMs)}ms`),
    links: r.links,
    pcs: r.peerConnectionsCreated,
  };
}

function nextMessage<T>(child: ChildProcess, match: (m: T) => boolean, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (m: unknown) => {
      if (!match(m as T)) return;
      done();
      resolve(m as T);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      reject(new Error(`child exited (${signal ?? code}) before ${what}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${what} within ${CHILD_TIMEOUT_MS} ms`));
    }, CHILD_TIMEOUT_MS);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
