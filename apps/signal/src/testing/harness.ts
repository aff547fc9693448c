import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ClientToServerEvents,
  type JoinRequest,
  type JoinResult,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '@meshwork/protocol';
import {
  io as connectClient,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client';
import { afterEach } from 'vitest';
import {
  createSignalServer,
  type SignalServer,
  type SignalServerDeps,
} from '../server/createSignalServer';
import { TEST_PUBLIC_KEY } from './registryFixture';

/** A typed test client. */
export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A signal server listening on 127.0.0.1 on a free port. */
export interface TestServer {
  url: string;
  signal: SignalServer;
  close(): Promise<void>;
}

/**
 * Every test client connects from 127.0.0.1, so the per-address limits ([P18]) are lifted
 * unless a test sets them.
 */
export const NO_ADDRESS_LIMITS = {
  maxConnectionsPerIp: Number.POSITIVE_INFINITY,
  joinsPerIpPerMinute: Number.POSITIVE_INFINITY,
  maxJoinQueuePerRoom: Number.POSITIVE_INFINITY,
} as const;

export { TEST_PUBLIC_KEY } from './registryFixture';

/** Starts a real http server with the signal app on 127.0.0.1:0. */
export async function startServer(deps: SignalServerDeps = {}): Promise<TestServer> {
  const httpServer = createServer();
  const signal = createSignalServer(httpServer, {
    ...deps,
    config: { ...NO_ADDRESS_LIMITS, ...deps.config },
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, signal, close: () => signal.close() };
}

interface Received {
  event: string;
  payload: unknown;
}

/** Records every event a client receives and lets a test wait for one. */
export class Recorder {
  readonly received: Received[] = [];
  private waiters: Array<{ test: (r: Received) => boolean; resolve: (r: Received) => void }> = [];

  constructor(socket: Client) {
    socket.onAny((event: string, payload: unknown) => {
      const r = { event, payload };
      this.received.push(r);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(r)) return true;
        w.resolve(r);
        return false;
      });
    });
  }

  /** Payloads of `event` received so far. */
  all<T = unknown>(event: string): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as T);
  }

  /** The first `event` (received before or after this call) whose payload matches. */
  waitFor<T = unknown>(event: string, match: (payload: T) => boolean = () => true): Promise<T> {
    const test = (r: Received) => r.event === event && match(r.payload as T);
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen.payload as T);
    return new Promise((resolve) => {
      this.waiters.push({ test, resolve: (r) => resolve(r.payload as T) });
    });
  }
}

/** A connected client and its recorder. */
export interface Peer {
  socket: Client;
  events: Recorder;
}

/** Connects a websocket client and waits until it is connected. */
export async function connect(
  url: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Peer> {
  const socket: Client = connectClient(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    ...options,
  });
  const events = new Recorder(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

/**
 * Servers and clients for one test file, all closed after each test. Call once at the top
 * level of the file (it registers the `afterEach`).
 */
export function useTestStack() {
  const servers: TestServer[] = [];
  const peers: Peer[] = [];
  afterEach(async () => {
    for (const p of peers.splice(0)) p.socket.disconnect();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return {
    async server(deps: SignalServerDeps = {}): Promise<TestServer> {
      const s = await startServer(deps);
      servers.push(s);
      return s;
    },
    async peer(s: TestServer, options?: Parameters<typeof connect>[1]): Promise<Peer> {
      const p = await connect(s.url, options);
      peers.push(p);
      return p;
    },
  };
}

/** Sends a join with sensible defaults. */
export function join(
  peer: Peer,
  roomId: string,
  extra: Partial<JoinRequest> = {},
): Promise<JoinResult> {
  return peer.socket.emitWithAck('join', {
    protocolVersion: PROTOCOL_VERSION,
    roomId,
    displayName: 'Tester',
    publicKey: TEST_PUBLIC_KEY,
    media: { audio: true, video: true, screen: false },
    ...extra,
  });
}

/** Joins and fails the test on an error ack. */
export async function joinOk(peer: Peer, roomId: string, extra: Partial<JoinRequest> = {}) {
  const res = await join(peer, roomId, extra);
  if (!res.ok) throw new Error(`join failed: ${res.error}`);
  return res;
}

/** Resolves when the client's socket is disconnected. */
export function disconnected(peer: Peer): Promise<string> {
  if (!peer.socket.connected) return Promise.resolve('already');
  return new Promise((resolve) => peer.socket.once('disconnect', (reason) => resolve(reason)));
}
