import { secretsEqual } from './secretCompare';

/**
 * [P17] Whether a join's `hubToken` matches `HUB_SECRET`, compared in constant time. With no
 * secret configured no token matches, so no client can claim to be a media hub.
 */
export function isHubTokenValid(secret: string | null, token: string | undefined): boolean {
  if (secret === null || token === undefined) return false;
  return secretsEqual(secret, token);
}
