import type { FakeClock } from '@meshwork/kit';
import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, payloads, registryFixture } from '../testing/registryFixture';
import { LINK_RETRY_BACKOFF_MS } from './LinkHealing';
import type { RoomRegistry } from './RoomRegistry';
import type { Effect } from './types';

let clock: FakeClock;
let timerEffects: Effect[];
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, timerEffects, registry } = registryFixture());
});

const planOf = (effects: Effect[], self: string) =>
  payloads<PeerPlan>(effects, 'planPrepared').findLast((p) => p.self === self);
const pathTo = (plan: PeerPlan | undefined, origin: string) =>
  plan?.receive.find((r) => r.origin === origin)?.path;

describe('failed links heal ([P22])', () => {
  it('[P22] a failed link is retried after the backoff, on trial, and routed again once connected', async () => {
    const [a, b, c] = [
      await joinOk(registry, 'c1'),
      await joinOk(registry, 'c2'),
      await joinOk(registry, 'c3'),
    ].map((j) => j.peerId) as [string, string, string];
    const failed = registry.reportLinks('c1', [{ peer: b, state: 'failed' }]);
    if (!failed.ok) throw new Error(failed.error);
    expect(planOf(failed.effects, a)?.links.map((l) => l.peer)).toEqual([c]);
    clock.advance(LINK_RETRY_BACKOFF_MS[0] as number);
    // On trial: the link is planned with a new life, but b's streams still come through c.
    const trial = planOf(timerEffects, a);
    expect(trial?.links.map((l) => l.peer)).toEqual([b, c]);
    expect(pathTo(trial, b)).toEqual([b, c, a]);
    const up = registry.reportLinks('c1', [{ peer: b, state: 'connected' }]);
    if (!up.ok) throw new Error(up.error);
    expect(pathTo(planOf(up.effects, a), b)).toEqual([b, a]);
  });

  it('[P22] a link that fails again on trial waits for the next, longer backoff', async () => {
    const [, b] = [
      await joinOk(registry, 'c1'),
      await joinOk(registry, 'c2'),
      await joinOk(registry, 'c3'),
    ].map((j) => j.peerId) as [string, string, string];
    registry.reportLinks('c1', [{ peer: b, state: 'failed' }]);
    clock.advance(LINK_RETRY_BACKOFF_MS[0] as number);
    const again = registry.reportLinks('c1', [{ peer: b, state: 'failed' }]);
    expect(again.ok && payloads(again.effects, 'planPrepared').length).toBeGreaterThan(0);
    timerEffects.length = 0;
    clock.advance((LINK_RETRY_BACKOFF_MS[1] as number) - 1);
    expect(payloads(timerEffects, 'planPrepared')).toEqual([]);
    clock.advance(1);
    expect(payloads(timerEffects, 'planPrepared').length).toBeGreaterThan(0);
  });

  it('[P22] a resume of either end retries its failed links at once', async () => {
    const joined = [
      await joinOk(registry, 'c1'),
      await joinOk(registry, 'c2'),
      await joinOk(registry, 'c3'),
    ];
    const [a, b] = joined.map((j) => j.peerId) as [string, string];
    registry.reportLinks('c1', [{ peer: b, state: 'failed' }]);
    registry.disconnect('c2');
    const back = await joinOk(registry, 'c2b', {
      resume: { peerId: b, joinedAt: joined[1]?.joinedAt as number },
    });
    expect(planOf(back.effects, a)?.links.map((l) => l.peer)).toContain(b);
  });
});
