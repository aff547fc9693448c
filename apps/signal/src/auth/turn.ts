import { createHmac } from 'node:crypto';
import type { IceServer } from '@meshwork/protocol';

/** Lifetime of TURN credentials handed out at join when TURN_TTL_SECONDS is not set. */
export const DEFAULT_TURN_TTL_SECONDS = 86_400;

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
