import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { DEFAULT_SUBNET, hostAddress, type Subnet, switchAddress } from './addresses';
import {
  addBridge,
  addNamespace,
  defaultRoute,
  deleteNamespace,
  inNamespace,
  plugHost,
  setLink,
  setLoss,
  setRate,
  type Tools,
} from './commands';
import { type NetworkNames, networkNames } from './names';
import { run, runAll } from './run';
import { sweepLeftovers } from './sweep';
import { toolsFromEnv } from './tools';

/** One host of a network: its namespace and address. */
export interface Host {
  readonly index: number;
  readonly name: string;
  readonly ns: string;
  readonly address: string;
}

/** How a network is made. */
export interface NetworkOptions {
  /** Hosts to make at once (more with `addHost`). */
  hosts?: number;
  subnet?: Subnet;
  tools?: Tools;
}

/** How long a child started inside a namespace gets to leave after SIGTERM before SIGKILL. */
export const CHILD_STOP_MS = 3_000;

let networks = 0;

/**
 * A switch namespace with a bridge and one namespace per host joined to it by a veth pair, on
 * a /24 of the test's own (`10.77.0.0/24` unless told): the switch is `.1`, host i is `.(10+i)`.
 * Faults act on one host's device: `cut`/`restore` set it down/up (nothing is closed), `loss`
 * drops a share of its packets at random (nftables), `rate` limits what it sends (tc tbf).
 * `spawn` starts a process in any of its namespaces. `close()` stops those processes and
 * deletes every namespace; a process that dies first has them deleted on exit, and
 * `sweepLeftovers()` removes those of processes killed outright.
 */
export class Network {
  readonly hosts: Host[] = [];
  readonly switchAddress: string;
  private readonly children = new Set<ChildProcess>();
  private readonly namespaces: string[] = [];
  private closed = false;
  private readonly onExit = () => this.closeNow();

  private constructor(
    readonly names: NetworkNames,
    readonly subnet: Subnet,
    private readonly tools: Tools,
  ) {
    this.switchAddress = switchAddress(subnet);
  }

  /** Makes a network with `hosts` hosts (after sweeping leftovers of dead processes). */
  static async create(options: NetworkOptions = {}): Promise<Network> {
    const tools = options.tools ?? toolsFromEnv();
    await sweepLeftovers(tools);
    networks += 1;
    const net = new Network(
      networkNames(process.pid, networks),
      options.subnet ?? DEFAULT_SUBNET,
      tools,
    );
    process.once('exit', net.onExit);
    try {
      const sw = net.names.switchNs;
      await runAll(addNamespace(tools, sw));
      net.namespaces.push(sw);
      await runAll(addBridge(tools, sw, net.names.bridge, `${net.switchAddress}/24`));
      for (let i = 0; i < (options.hosts ?? 0); i++) await net.addHost();
    } catch (err) {
      await net.close();
      throw err;
    }
    return net;
  }

  /** The switch namespace, where the signal app runs. */
  get switchNs(): string {
    return this.names.switchNs;
  }

  /** Adds one host plugged into the switch. */
  async addHost(name = `h${this.hosts.length}`): Promise<Host> {
    if (this.closed) throw new Error('The network is closed');
    const index = this.hosts.length;
    const ns = this.names.hostNs(index);
    await runAll(addNamespace(this.tools, ns));
    this.namespaces.push(ns);
    const address = hostAddress(this.subnet, index);
    await runAll(
      plugHost(this.tools, {
        switchNs: this.names.switchNs,
        bridge: this.names.bridge,
        hostNs: ns,
        switchEnd: this.names.switchEnd(index),
        hostEnd: this.names.hostEnd(index),
        cidr: `${address}/24`,
        gateway: this.switchAddress,
      }),
    );
    const host = { index, name, ns, address };
    this.hosts.push(host);
    return host;
  }

  /** Cuts a host off: its device goes down, no socket or connection is closed. */
  async cut(host: Host): Promise<void> {
    await run(setLink(this.tools, host.ns, false));
  }

  /** Brings a cut host back, with its default route. */
  async restore(host: Host): Promise<void> {
    await run(setLink(this.tools, host.ns, true));
    await run(defaultRoute(this.tools, host.ns, this.switchAddress));
  }

  /** Cuts and restores a host `times` times; `wait` spaces the steps (the test's clock). */
  async flap(
    host: Host,
    times: number,
    wait: (phase: 'down' | 'up') => Promise<void>,
  ): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.cut(host);
      await wait('down');
      await this.restore(host);
      await wait('up');
    }
  }

  /** Drops `percent` % of a host's packets each way at random; 0 ends it. */
  async loss(host: Host, percent: number): Promise<void> {
    await run(setLoss(this.tools, host.ns, percent));
  }

  /** Limits what a host sends to `kbit` kbit/s; 0 ends it. */
  async rate(host: Host, kbit: number): Promise<void> {
    await run(setRate(this.tools, host.ns, kbit));
  }

  /** Starts `argv` inside a namespace; `close()` stops it if it is still running. */
  spawn(ns: string, argv: readonly string[], options: SpawnOptions = {}): ChildProcess {
    if (this.closed) throw new Error('The network is closed');
    const [file, ...args] = inNamespace(this.tools, ns, argv);
    const child = spawn(file as string, args, options);
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** Stops every child (SIGTERM, then SIGKILL) and deletes every namespace. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    process.off('exit', this.onExit);
    await Promise.all([...this.children].map((c) => stopChild(c)));
    for (const ns of this.namespaces.reverse()) {
      await run(deleteNamespace(this.tools, ns)).catch(() => undefined);
    }
  }

  /** The same, synchronously, for a process that is exiting. */
  private closeNow(): void {
    for (const c of this.children) c.kill('SIGKILL');
    for (const ns of this.namespaces) {
      spawnSync(this.tools.ip, ['netns', 'delete', ns], { stdio: 'ignore', timeout: 5_000 });
    }
  }
}

/** How a child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How a child process ended, or null while it runs (read from the process, set before 'exit'). */
export function exitOf(child: ChildProcess): ChildExit | null {
  if (child.exitCode === null && child.signalCode === null) return null;
  return { code: child.exitCode, signal: child.signalCode };
}

/** SIGTERM, then SIGKILL after `CHILD_STOP_MS`; resolves when the child has exited. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (exitOf(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill(signal);
  });
}
