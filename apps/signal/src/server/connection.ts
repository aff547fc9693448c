import type { Clock, Logger } from '@meshwork/kit';
import { ERROR_MESSAGES } from '@meshwork/protocol';
import { failure } from './handler';
import type { SignalSocket } from './io';
import type { SignalMetrics } from './metrics';
import { RateLimiter, type RateLimitOptions, TokenBucket } from './rateLimit';

/** Joins carrying a password cost a scrypt hash each; a socket gets a few, then one a second. */
export const PASSWORD_ATTEMPTS_BURST = 5;
/** Sustained rate of password-carrying joins per socket. */
export const PASSWORD_ATTEMPTS_PER_SECOND = 1;

/** What the server keeps per connection besides Socket.IO's own state. */
export interface Connection {
  /** The client address limits are counted under ([P18], see `clientAddress`). */
  ip: string;
  limiter: RateLimiter;
  /** Made by the first join that carries a password. */
  passwordAttempts: TokenBucket | null;
  joining: boolean;
  abusive: boolean;
}

/** A new connection's state, its budgets full. */
export function newConnection(rateLimit: RateLimitOptions, now: number, ip: string): Connection {
  return {
    ip,
    limiter: new RateLimiter(rateLimit, now),
    passwordAttempts: null,
    joining: false,
    abusive: false,
  };
}

/** Takes one password-carrying join from the connection's budget ([P8]). */
export function takePasswordAttempt(state: Connection, now: number): boolean {
  state.passwordAttempts ??= new TokenBucket(
    PASSWORD_ATTEMPTS_BURST,
    PASSWORD_ATTEMPTS_PER_SECOND,
    now,
  );
  return state.passwordAttempts.take(now);
}

/** What the flood gate needs. */
export interface GateDeps {
  clock: Clock;
  metrics: SignalMetrics;
  logger: Logger;
}

/** A client event's listener, shared by every connection: called with the socket as `this`. */
export type SharedListener = (this: SignalSocket, ...args: unknown[]) => void;

/**
 * [P8] Every incoming event passes this gate first, unknown ones included, so they all count:
 * over budget it is refused, and a client that keeps flooding is told and disconnected. An
 * event within budget goes straight to its shared listener, so a socket holds no listener of
 * its own per event (Socket.IO keeps those in a per-socket dictionary); events with no listener
 * are dropped, as Socket.IO drops them.
 */
export function gateIncoming(
  socket: SignalSocket,
  state: Connection,
  deps: GateDeps,
  listeners: ReadonlyMap<string, SharedListener>,
): void {
  socket.use((packet) => {
    const decision = state.limiter.check(deps.clock.now());
    if (decision === 'ok') {
      const listener = listeners.get(packet[0]);
      if (listener !== undefined && socket.connected) listener.apply(socket, packet.slice(1));
      return;
    }
    deps.metrics.reject('ERR_RATE_LIMITED');
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack(failure('ERR_RATE_LIMITED'));
    else if (packet[0] === 'signal' && decision === 'limited') {
      // An ack-less signal is dropped; say so, as its ack would have ([P3] [P8]).
      socket.emit('serverError', {
        error: 'ERR_RATE_LIMITED',
        message: `${ERROR_MESSAGES.ERR_RATE_LIMITED} (signal)`,
      });
    }
    if (decision === 'abusive' && !state.abusive) {
      state.abusive = true;
      deps.logger.warn('disconnecting a flooding client', { conn: socket.id });
      socket.emit('serverError', {
        error: 'ERR_RATE_LIMITED',
        message: ERROR_MESSAGES.ERR_RATE_LIMITED,
      });
      socket.disconnect(true);
    }
  });
}
