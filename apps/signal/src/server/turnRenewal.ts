import { type Clock, type Logger, Timers } from '@meshwork/kit';
import type { IceServer } from '@meshwork/protocol';
import { iceServersFor, type TurnConfig, turnRenewDelayMs } from '../auth/turn';
import type { SignalSocket } from './io';

/** What renewal needs. */
export interface TurnRenewalDeps {
  clock: Clock;
  logger: Logger;
  staticServers: readonly IceServer[];
  turn: TurnConfig;
  /** The peer a connection speaks for now, if any. */
  peerOf(conn: string): { peerId: string } | null;
}

/**
 * [P19] Keeps each joined peer's TURN credentials fresh: at `TURN_RENEW_FRACTION` of their
 * lifetime it sends `iceServersChanged` with new ones, for as long as the same socket still
 * speaks for the same peer. One named timer per socket, all stopped by `close()`.
 */
export class TurnRenewal {
  private readonly timers: Timers;
  private readonly delayMs: number;

  constructor(private readonly deps: TurnRenewalDeps) {
    this.timers = new Timers(deps.clock);
    this.delayMs = turnRenewDelayMs(deps.turn);
  }

  /** The socket joined as `peerId` and was just handed credentials. */
  start(socket: SignalSocket, peerId: string): void {
    this.timers.set(socket.id, this.delayMs, () => this.renew(socket, peerId));
  }

  /** The socket is gone: no more renewals for it. */
  stop(conn: string): void {
    this.timers.clear(conn);
  }

  /** Sockets with a renewal waiting. */
  get size(): number {
    return this.timers.size;
  }

  /** Stops every renewal. Idempotent. */
  close(): void {
    this.timers.clearAll();
  }

  private renew(socket: SignalSocket, peerId: string): void {
    // A socket that left, or now speaks for another peer, gets nothing more from this timer.
    if (!socket.connected || this.deps.peerOf(socket.id)?.peerId !== peerId) return;
    const iceServers = iceServersFor(
      this.deps.staticServers,
      this.deps.turn,
      peerId,
      this.deps.clock.now(),
    );
    socket.emit('iceServersChanged', { iceServers });
    this.deps.logger.debug('turn credentials renewed', { conn: socket.id, peerId });
    this.start(socket, peerId);
  }
}
