import { type ChildProcess, fork } from 'node:child_process';
import { buildServerChild } from './buildChild';
import type { ChildReply, ChildRequest, ServerMode } from './protocol';

/** How long the child may take to start or to answer one request. */
export const CHILD_REPLY_TIMEOUT_MS = 60_000;

/** Options of a server child. */
export interface ServerProcessOptions {
  mode: ServerMode;
  /** Signal config overrides (for `meshwork`), e.g. `{ webRoot }` to serve a page. */
  config?: Record<string, unknown>;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

/** A signal server (or bare relay) running in a child process on 127.0.0.1. */
export class ServerProcess {
  readonly url: string;
  readonly #child: ChildProcess;

  private constructor(child: ChildProcess, port: number) {
    this.#child = child;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts the child and waits until it listens. */
  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    const script = await buildServerChild();
    const child = fork(script, [options.mode, JSON.stringify(options.config ?? {})], {
      execArgv: ['--expose-gc', '--enable-source-maps', ...(options.nodeArgs ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await nextReply(child, 'ready');
    return new ServerProcess(child, ready.port);
  }

  /** Process CPU time (user and system) so far. */
  async cpu(): Promise<{ usage: NodeJS.CpuUsage }> {
    return this.#ask({ type: 'cpu' }, 'cpu');
  }

  /** Event-loop delay since the last call (p99 and max, ms); resets the histogram. */
  async loopDelay(): Promise<{ p99Ms: number; maxMs: number }> {
    return this.#ask({ type: 'loop' }, 'loop');
  }

  /** Heap after a full GC. */
  async heap(): Promise<{ heapUsed: number; external: number; rss: number }> {
    return this.#ask({ type: 'heap' }, 'heap');
  }

  /** Writes a V8 heap snapshot of the child, after a full GC, to `path`; resolves with it. */
  async snapshot(path: string): Promise<string> {
    return (await this.#ask({ type: 'snapshot', path }, 'snapshot')).path;
  }

  /** Closes the server and waits for the process to exit. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.send({ type: 'stop' } satisfies ChildRequest);
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), CHILD_REPLY_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  #ask<T extends ChildReply['type']>(
    req: ChildRequest,
    type: T,
  ): Promise<Extract<ChildReply, { type: T }>> {
    const answer = nextReply(this.#child, type);
    this.#child.send(req);
    return answer;
  }
}

function nextReply<T extends ChildReply['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ChildReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`server child gave no '${type}' within ${CHILD_REPLY_TIMEOUT_MS} ms`));
    }, CHILD_REPLY_TIMEOUT_MS);
    const onMessage = (raw: unknown) => {
      const msg = raw as ChildReply;
      if (msg.type !== type) return;
      cleanup();
      resolve(msg as Extract<ChildReply, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`server child exited (${code}) before '${type}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
