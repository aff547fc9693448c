import { FakeClock } from '@meshwork/kit';
import { expect } from 'vitest';
import { RoomRegistry } from '../registry/RoomRegistry';
import type { Effect, JoinInput, RegistryOptions } from '../registry/types';

/** Grace period of fixture registries. */
export const GRACE_MS = 5_000;
/** Commit deadline of fixture registries. */
export const DEADLINE_MS = 2_000;
/** Fake clocks start at a realistic epoch, so fresh join times sort after restored ones. */
export const EPOCH_MS = 1_700_000_000_000;

/** A well-formed public key (87 base64url characters) for joins that do not care which. */
export const TEST_PUBLIC_KEY = `B${'A'.repeat(86)}`;

/** Plan-proof key of fixture registries: tests sign hints with `createPlanProofs(PLAN_SECRET)`. */
export const PLAN_SECRET = 'fixture-plan-secret';

/** A registry on a fake clock, with the effects its timers produced. */
export interface RegistryFixture {
  clock: FakeClock;
  timerEffects: Effect[];
  registry: RoomRegistry;
}

/** A registry of 4 peers per room on a fake clock, with a cheap password stand-in. */
export function registryFixture(options: Partial<RegistryOptions> = {}): RegistryFixture {
  const clock = new FakeClock(EPOCH_MS);
  const timerEffects: Effect[] = [];
  const registry = new RoomRegistry({
    clock,
    maxPeersPerRoom: 4,
    graceMs: GRACE_MS,
    commitDeadlineMs: DEADLINE_MS,
    onEffects: (effects) => timerEffects.push(...effects),
    planSecret: PLAN_SECRET,
    // A cheap stand-in keeps unit tests fast; the scrypt module has its own test.
    passwords: {
      hash: async (p) => `plain:${p}`,
      verify: async (p, h) => h === `plain:${p}`,
    },
    ...options,
  });
  return { clock, timerEffects, registry };
}

/** Joins `conn` to room `room` (named after the connection) and fails the test on an error. */
export async function joinOk(registry: RoomRegistry, conn: string, extra: Partial<JoinInput> = {}) {
  const res = await registry.join({
    conn,
    roomId: 'room',
    displayName: conn,
    publicKey: TEST_PUBLIC_KEY,
    ...extra,
  });
  if (!res.ok) throw new Error(`join failed: ${res.error}`);
  return res;
}

/** The emits among `effects` for `conn` (of `event`, if given). */
export function to(effects: Effect[], conn: string, event?: string): Effect[] {
  return effects.filter(
    (e) => e.type === 'emit' && e.conn === conn && (event === undefined || e.event === event),
  );
}

/** The payloads of every `event` among `effects`. */
export function payloads<T>(effects: Effect[], event: string): T[] {
  return effects.flatMap((e) => (e.type === 'emit' && e.event === event ? [e.payload as T] : []));
}

/** Every connected peer reports ready for the pending plan; returns the commit effects. */
export function readyAll(registry: RoomRegistry, conns: string[], version: number): Effect[] {
  const effects: Effect[] = [];
  for (const c of conns) {
    const res = registry.planReady(c, version);
    expect(res.ok).toBe(true);
    effects.push(...res.effects);
  }
  return effects;
}
