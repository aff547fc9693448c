import { RECOVERY_KEY, roomOwnerKey, roomVersionKey, SECRETS_KEY } from './keys';
import type { RedisLink } from './RedisLink';

/** How long a room's lease lasts without renewal: a dead node's rooms move after this. */
export const DEFAULT_LEASE_MS = 5_000;
/** How long a room's last plan version is kept (the lifetime of a resume token). */
export const VERSION_TTL_MS = 24 * 60 * 60 * 1000;

// Renews the lease if this node holds it; takes it if nobody does, unless Redis just came back
// empty (no secrets digest: a recovery window starts) and this is a newcomer's claim rather than
// an owner renewing. Answers the holder, or nil while a claim must wait.
const ACQUIRE = `
local owner = redis.call('GET', KEYS[1])
if owner then
  if owner == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
  return owner
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[2])
end
if ARGV[3] == 'claim' and redis.call('EXISTS', KEYS[3]) == 1 then return false end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]`;

// Gives the lease up only if this node still holds it.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Raises the stored version, never lowers it.
const RAISE_VERSION = `
local v = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > v then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 0`;

/**
 * Per-room leases in Redis: the node whose id a room's key holds runs that room; the key lapses
 * `leaseMs` after its holder stops renewing it. Each call is one atomic script.
 */
export class RoomLease {
  constructor(
    private readonly redis: RedisLink,
    private readonly nodeId: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * Takes (`claim`) or renews (`renew`, which may also take back a lease a restarted Redis lost)
   * the room's lease when free or ours; answers the node that holds it, or null while a claim
   * must wait for the recovery window.
   */
  acquire(roomId: string, mode: 'claim' | 'renew' = 'claim'): Promise<string | null> {
    return this.redis.run(
      async (c) =>
        (await c.eval(ACQUIRE, {
          keys: [roomOwnerKey(roomId), SECRETS_KEY, RECOVERY_KEY],
          arguments: [this.nodeId, String(this.leaseMs), mode],
        })) as string | null,
    );
  }

  /** Gives the room up if this node holds it. */
  async release(roomId: string): Promise<void> {
    await this.redis.run((c) =>
      c.eval(RELEASE, { keys: [roomOwnerKey(roomId)], arguments: [this.nodeId] }),
    );
  }

  /** The holders of these rooms' leases, null where none. */
  async owners(roomIds: readonly string[]): Promise<(string | null)[]> {
    if (roomIds.length === 0) return [];
    return this.redis.run(
      async (c) => (await c.mGet(roomIds.map(roomOwnerKey))) as (string | null)[],
    );
  }

  /** The last plan version stored for the room (0 if none). */
  async version(roomId: string): Promise<number> {
    const value = await this.redis.run((c) => c.get(roomVersionKey(roomId)));
    const n = Number(value ?? 0);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  }

  /** Stores a plan version the room issued, if it is above the stored one. */
  async raiseVersion(roomId: string, version: number): Promise<void> {
    await this.redis.run((c) =>
      c.eval(RAISE_VERSION, {
        keys: [roomVersionKey(roomId)],
        arguments: [String(version), String(VERSION_TTL_MS)],
      }),
    );
  }
}
