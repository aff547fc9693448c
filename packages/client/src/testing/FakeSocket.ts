// Test support: a stand-in for a socket.io-client socket. Not part of the package's exports.
import { until } from '@meshwork/kit';
import type { ClientSocket, ConnectSocket, SocketConnectOptions } from '../SignalConnection';

type Handler = (...args: never[]) => void;

/** Records emits and lets the test play the server; `asClient()` hands it to the session. */
export class FakeSocket {
  connected = false;
  connectCalls = 0;
  disconnectCalls = 0;
  readonly handlers = new Map<string, Set<Handler>>();
  readonly sent: Array<{ event: string; args: unknown[] }> = [];

  constructor(
    readonly url: string,
    readonly options: SocketConnectOptions,
  ) {}

  /** This socket typed as the session's socket; it implements the part the session uses. */
  asClient(): ClientSocket {
    return this as unknown as ClientSocket;
  }

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler);
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  emit(event: string, ...args: unknown[]): this {
    this.sent.push({ event, args });
    return this;
  }
  connect(): this {
    this.connectCalls++;
    return this;
  }
  disconnect(): this {
    this.disconnectCalls++;
    this.connected = false;
    return this;
  }

  /** The server side: fire a client-side event. */
  fire(event: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
  serverConnect(): void {
    this.connected = true;
    this.fire('connect');
  }
  serverDrop(reason = 'transport close'): void {
    this.connected = false;
    this.fire('disconnect', reason);
  }
  /** Emits of `event` so far. */
  of(event: string): unknown[][] {
    return this.sent.filter((s) => s.event === event).map((s) => s.args);
  }
  /**
   * Waits until `event` has been emitted `count` times. The first join leaves only once the
   * session's signing key is made (WebCrypto is asynchronous), so tests wait on it, never sleep.
   */
  async sentTimes(event: string, count = 1): Promise<void> {
    await until(() => this.of(event).length >= count, { what: `${count} ${event} emit(s)` });
  }

  /** Waits for the first `join`, then answers it. */
  async ackJoin(res: unknown): Promise<void> {
    await this.sentTimes('join');
    this.ack('join', res);
  }

  /** Answers the latest emit of `event` through its ack. */
  ack(event: string, res: unknown): void {
    const args = this.of(event).at(-1);
    const cb = args?.at(-1);
    if (typeof cb !== 'function') throw new Error(`no pending ${event}`);
    cb(res);
  }
}

/** A ConnectSocket that makes FakeSockets and keeps them, newest last, in `sockets`. */
export function fakeConnect(sockets: FakeSocket[]): ConnectSocket {
  return (url, options) => {
    const socket = new FakeSocket(url, options);
    sockets.push(socket);
    return socket.asClient();
  };
}
