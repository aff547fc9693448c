import type { IncomingMessage } from 'node:http';
import type { Logger } from '@meshwork/kit';
import { ERROR_MESSAGES } from '@meshwork/protocol';
import { KeyedCounter } from './addressLimits';
import { clientAddress } from './clientAddress';
import type { SignalIo, SignalSocket } from './io';
import type { SignalMetrics } from './metrics';

/**
 * Raw transport connections one address may hold, as a multiple of MAX_CONNECTIONS_PER_IP:
 * room for the refused ones to hear why before they go, but no more.
 */
export const RAW_CONNECTIONS_FACTOR = 2;

/** What the connection limit needs. */
export interface ConnectionLimitDeps {
  maxConnectionsPerIp: number;
  trustProxy: boolean;
  metrics: SignalMetrics;
  logger: Logger;
}

/** The part of an engine.io socket the limit reads. */
interface RawConnection {
  /** Undefined once the TCP peer is gone, which can happen before `connection` is handled. */
  remoteAddress: string | undefined;
  request: IncomingMessage;
  close(): void;
  on(event: 'close', fn: (this: RawConnection) => void): void;
}

/** Admits or refuses each new socket by its client address ([P18]). */
export interface ConnectionLimit {
  /**
   * Takes a place for a socket that reached the namespace, or tells it
   * ERR_TOO_MANY_CONNECTIONS and drops it; null then. Returns the socket's address.
   */
  admit(socket: SignalSocket): string | null;
  /** Gives back the place `admit` took. */
  release(ip: string): void;
}

/**
 * [P18] Concurrent connections per client address, counted twice: sockets in the namespace, up
 * to `maxConnectionsPerIp` (one more is told why and dropped), and raw transport connections,
 * which a client can open without ever reaching the namespace, closed silently at
 * RAW_CONNECTIONS_FACTOR times that. Every counted connection gives its place back on close.
 */
export function limitConnections(io: SignalIo, deps: ConnectionLimitDeps): ConnectionLimit {
  const sockets = new KeyedCounter(deps.maxConnectionsPerIp);
  const raw = new KeyedCounter(RAW_CONNECTIONS_FACTOR * deps.maxConnectionsPerIp);
  const addressOf = (conn: RawConnection) =>
    clientAddress({ address: conn.remoteAddress, headers: conn.request.headers }, deps.trustProxy);

  // Shared by every connection (engine.io emits 'close' once, with the connection as `this`);
  // the address is read again from the same fields, so no closure is kept per connection.
  function onRawClose(this: RawConnection): void {
    raw.release(addressOf(this));
  }
  io.engine.on('connection', (conn: RawConnection) => {
    if (!raw.acquire(addressOf(conn))) {
      deps.metrics.reject('ERR_TOO_MANY_CONNECTIONS');
      conn.close();
      return;
    }
    conn.on('close', onRawClose);
  });

  return {
    admit(socket) {
      const ip = clientAddress(socket.handshake, deps.trustProxy);
      if (sockets.acquire(ip)) return ip;
      deps.metrics.reject('ERR_TOO_MANY_CONNECTIONS');
      deps.logger.info('too many connections from one address', { ip });
      // Emitted before the drop: the transport flushes it, then closes.
      socket.emit('serverError', {
        error: 'ERR_TOO_MANY_CONNECTIONS',
        message: ERROR_MESSAGES.ERR_TOO_MANY_CONNECTIONS,
      });
      socket.disconnect(true);
      return null;
    },
    release: (ip) => sockets.release(ip),
  };
}
