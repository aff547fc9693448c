import { createHmac } from 'node:crypto';
import type { IceServer } from '@meshwork/protocol';

/** Lifetime of TURN credentials when TURN_TTL_S is not set: an hour, renewed while a peer stays. */
export const DEFAULT_TURN_TTL_SECONDS = 3_600;
/** [P19] Fresh credentials are sent this far into a lifetime, well before the old ones expire. */
export const TURN_RENEW_FRACTION = 0.8;

/** TURN REST settings: the shared secret coturn's `use-auth-secret` checks, and its URLs. */
export interface TurnConfig {
  secret: string;
  urls: readonly string[];
  ttlSeconds: number;
}

/**
 * Time-limited TURN credentials as coturn's `use-auth-secret` expects: username
 * `${expiry}:${peerId}` (expiry in Unix seconds) and credential base64(HMAC-SHA1(secret, username)).
 */
export function turnCredentials(turn: TurnConfig, peerId: string, nowMs: number): IceServer {
  const expiry = Math.floor(nowMs / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${peerId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { urls: [...turn.urls], username, credential };
}

/** How long after handing out credentials the next ones are sent ([P19]). */
export function turnRenewDelayMs(turn: TurnConfig): number {
  return Math.floor(turn.ttlSeconds * 1000 * TURN_RENEW_FRACTION);
}

/** The ICE servers one peer gets: the static list, plus its own TURN credentials if configured. */
export function iceServersFor(
  staticServers: readonly IceServer[],
  turn: TurnConfig | null,
  peerId: string,
  nowMs: number,
): IceServer[] {
  const servers = [...staticServers];
  if (turn) servers.push(turnCredentials(turn, peerId, nowMs));
  return servers;
}
