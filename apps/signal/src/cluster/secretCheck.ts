import { createHash } from 'node:crypto';
import { ConfigError } from '../config';
import { RECOVERY_KEY, SECRETS_KEY } from './keys';
import type { RedisLink } from './RedisLink';

/** What every node of a cluster must agree on: resume tokens, plan proofs and hub tokens. */
export interface SharedSecrets {
  resumeSecret: string;
  hubSecret: string | null;
}

/** A one-way digest of the shared secrets (each secret hashed apart, so none can be read back). */
export function secretsDigest(secrets: SharedSecrets): string {
  const part = (value: string | null) =>
    createHash('sha256')
      .update(value === null ? 'unset' : `set:${value}`)
      .digest('base64url');
  return createHash('sha256')
    .update(`meshwork-cluster-1\n${part(secrets.resumeSecret)}\n${part(secrets.hubSecret)}`)
    .digest('base64url');
}

// Records the digest if none is; an empty Redis (first start, or restarted without its data) then
// opens a recovery window in which only owners renewing take leases.
const RECORD = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2])
end
return redis.call('GET', KEYS[1])`;

/**
 * Records the cluster's secrets digest, or checks this node's against the one recorded. A node
 * whose RESUME_SECRET or HUB_SECRET differs would refuse other nodes' resume tokens and plan
 * proofs, so it must not start: throws a ConfigError naming both variables.
 */
export async function checkSharedSecrets(
  redis: RedisLink,
  secrets: SharedSecrets,
  recoveryMs: number,
): Promise<void> {
  const mine = secretsDigest(secrets);
  const recorded = await redis.run(
    async (c) =>
      (await c.eval(RECORD, {
        keys: [SECRETS_KEY, RECOVERY_KEY],
        arguments: [mine, String(recoveryMs)],
      })) as string | null,
  );
  if (recorded !== null && recorded !== mine) {
    throw new ConfigError(
      'RESUME_SECRET',
      'and HUB_SECRET must be the same on every node of the cluster (this node has others)',
    );
  }
}
