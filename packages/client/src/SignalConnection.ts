import type { ClientToServerEvents, ServerToClientEvents } from '@meshwork/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

/** The typed Socket.IO client socket. */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Options a socket is opened with (socket.io-client's manager and socket options). */
export type SocketConnectOptions = Partial<ManagerOptions & SocketOptions>;

/** Opens a socket to the signal app, not yet connected; `io` by default, a fake in tests. */
export type ConnectSocket = (url: string, options: SocketConnectOptions) => ClientSocket;

/** The default ConnectSocket: socket.io-client's `io`. */
export const connectSocket: ConnectSocket = (url, options) => io(url, options);

/**
 * How the session opens its socket: it connects when told, never reconnects by itself (the
 * session's ReconnectPolicy does, so the backoff is visible), and shares no manager with others.
 */
export const SOCKET_OPTIONS: SocketConnectOptions = {
  autoConnect: false,
  reconnection: false,
  transports: ['websocket'],
  forceNew: true,
};

/** A connection error as Socket.IO reports it; middleware refusals carry `data`. */
export type ConnectError = Error & { data?: unknown };

/** What the session hears of the transport itself. */
export interface ConnectionHandlers {
  /** The socket connected: time to send the join. */
  connected(): void;
  /** This attempt could not connect. */
  connectFailed(error: ConnectError): void;
  /** An established connection dropped, not by our own doing. */
  lost(reason: string): void;
}

/**
 * One socket to the signal app, reused across reconnects. Every attempt gets a new generation,
 * so answers that arrive for an older connection can be told apart and ignored.
 */
export class SignalConnection {
  /** The socket; the session subscribes to the server's events on it. */
  readonly socket: ClientSocket;
  #generation = 0;
  #closed = false;

  constructor(url: string, connect: ConnectSocket, handlers: ConnectionHandlers) {
    const socket = connect(url, SOCKET_OPTIONS);
    this.socket = socket;
    socket.on('connect', () => handlers.connected());
    socket.on('connect_error', (err: ConnectError) => handlers.connectFailed(err));
    socket.on('disconnect', (reason) => {
      if (this.#closed || reason === 'io client disconnect') return;
      handlers.lost(reason);
    });
  }

  /** Bumped by every attempt and every drop. */
  get generation(): number {
    return this.#generation;
  }

  /** Starts a connection attempt. */
  open(): void {
    if (this.#closed) return;
    this.#generation++;
    this.socket.connect();
  }

  /** Ends the current connection on purpose (to retry from scratch); its late answers are stale. */
  drop(): void {
    this.#generation++;
    this.socket.disconnect();
  }

  /** Unsubscribes everything and disconnects. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}
