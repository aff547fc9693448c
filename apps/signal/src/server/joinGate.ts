import type { ErrorCode } from '@meshwork/protocol';
import type { SignalConfig } from '../config';
import { KeyedCounter, KeyedRate, PasswordBackoff } from './addressLimits';
import { type Connection, takePasswordAttempt } from './connection';

/** The server's per-address and per-room join counters of [P18], shared by every socket. */
export interface EdgeLimits {
  /** Joins started per client address. */
  joins: KeyedRate;
  /** Password attempts per client address and room. */
  passwords: PasswordBackoff;
  /** Joins waiting per room. */
  queue: KeyedCounter;
}

type LimitConfig = Pick<SignalConfig, 'joinsPerIpPerMinute' | 'maxJoinQueuePerRoom'>;

/** Fresh counters for one server. */
export function createEdgeLimits(config: LimitConfig): EdgeLimits {
  return {
    joins: new KeyedRate(config.joinsPerIpPerMinute, config.joinsPerIpPerMinute),
    passwords: new PasswordBackoff(),
    queue: new KeyedCounter(config.maxJoinQueuePerRoom),
  };
}

/** A join let through the edge; `settle` must be called once when the registry has answered. */
export type JoinTicket =
  | { ok: true; settle(joined: boolean): void }
  | { ok: false; error: ErrorCode };

/**
 * [P18] The edge checks of one join, before the registry sees it: joins per address, password
 * attempts per socket and per address and room, then a place in the room's queue. A refused
 * join takes no place. The password check runs whether or not the room exists or has a
 * password, so the answers never tell a wrong password from an unknown room.
 */
export function enterJoin(
  limits: EdgeLimits,
  state: Connection,
  roomId: string,
  hasPassword: boolean,
  now: number,
): JoinTicket {
  if (!limits.joins.take(state.ip, now)) return { ok: false, error: 'ERR_TOO_MANY_CONNECTIONS' };
  // The address and room key cannot collide: room ids have no `|`.
  const passwordKey = `${state.ip}|${roomId}`;
  if (hasPassword) {
    if (!takePasswordAttempt(state, now)) return { ok: false, error: 'ERR_RATE_LIMITED' };
    if (!limits.passwords.take(passwordKey, now)) return { ok: false, error: 'ERR_RATE_LIMITED' };
  }
  if (!limits.queue.acquire(roomId)) return { ok: false, error: 'ERR_JOIN_QUEUE_FULL' };
  let settled = false;
  return {
    ok: true,
    settle(joined) {
      if (settled) return;
      settled = true;
      limits.queue.release(roomId);
      if (joined && hasPassword) limits.passwords.succeeded(passwordKey);
    },
  };
}
