import type { Server as HttpServer } from 'node:http';
import type { Logger } from '@meshwork/kit';
import {
  type ClientToServerEvents,
  type InterServerEvents,
  MAX_MESSAGE_BYTES,
  type ServerToClientEvents,
  type SocketData,
} from '@meshwork/protocol';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { isOriginAllowed } from '../auth/origin';
import type { SignalMetrics } from './metrics';

/** Heartbeat: a silently dead peer is noticed within PING_INTERVAL_MS + PING_TIMEOUT_MS. */
export const PING_INTERVAL_MS = 5_000;
/**
 * How long to wait for a pong before dropping the connection. A page answers from its main
 * thread, which a busy machine stalls: joining a four-person call on two saturated cores, pages
 * stalled up to 5.5 s, and a 4 s timeout dropped them mid-join (each drop a resume and a new
 * plan, more work for the same stalled pages). A dead peer's media is noticed by the links
 * themselves ([M23]), sooner than this.
 */
export const PING_TIMEOUT_MS = 10_000;
/** How long a new connection has to reach the namespace. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Transport cap: about twice the largest legitimate message. */
export const MAX_HTTP_BUFFER_BYTES = 2 * MAX_MESSAGE_BYTES;

/** The typed Socket.IO server of the signal app. */
export type SignalIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** One client connection of the signal app. */
export type SignalSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Heartbeat timing of the transport. */
export interface Heartbeat {
  pingIntervalMs: number;
  pingTimeoutMs: number;
}

/** What the transport needs. */
export interface IoDeps {
  heartbeat: Heartbeat;
  /** Browser origins allowed besides the server's own. */
  publicOrigins: readonly string[];
  metrics: SignalMetrics;
  logger: Logger;
}

/**
 * The Socket.IO server on `httpServer`: transport cap, heartbeat, and the origin check at the
 * handshake ([P8]). Plain HTTP listeners added before this keep serving every other path.
 */
export function createIo(httpServer: HttpServer, deps: IoDeps): SignalIo {
  const allowList = new Set(deps.publicOrigins);
  const options: Partial<ServerOptions> = {
    serveClient: false,
    maxHttpBufferSize: MAX_HTTP_BUFFER_BYTES,
    pingInterval: deps.heartbeat.pingIntervalMs,
    pingTimeout: deps.heartbeat.pingTimeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    allowRequest: (req, callback) => {
      if (isOriginAllowed(req.headers.origin, req.headers.host, allowList)) {
        callback(null, true);
        return;
      }
      deps.metrics.reject('ERR_ORIGIN_NOT_ALLOWED');
      deps.logger.info('origin refused', { origin: req.headers.origin });
      callback('ERR_ORIGIN_NOT_ALLOWED', false);
    },
  };
  if (allowList.size > 0) options.cors = { origin: [...allowList] };
  return new Server(httpServer, options);
}
