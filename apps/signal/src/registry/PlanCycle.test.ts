import type { FakeClock } from '@meshwork/kit';
import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEADLINE_MS,
  joinOk,
  payloads,
  readyAll as readyAllOf,
  registryFixture,
} from '../testing/registryFixture';
import { SETTINGS_PLAN_INTERVAL_MS } from './PlanCycle';
import type { RoomRegistry } from './RoomRegistry';
import type { Effect, JoinInput } from './types';

let clock: FakeClock;
let timerEffects: Effect[];
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, timerEffects, registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);
const readyAll = (conns: string[], version: number) => readyAllOf(registry, conns, version);

describe('RoomRegistry plan lifecycle', () => {
  it('issues a new, higher version on every change', async () => {
    const a = await join('c1');
    expect(a.plan.version).toBe(1);
    const b = await join('c2');
    expect(b.plan.version).toBe(2);
    const topo = registry.setTopology('c1', 'ring');
    expect(topo).toMatchObject({ ok: true, version: 3 });
    const same = registry.setTopology('c1', 'ring');
    expect(same).toMatchObject({ ok: true, version: 3, effects: [] });
    readyAll(['c1', 'c2'], 3);
    clock.advance(SETTINGS_PLAN_INTERVAL_MS);
    const hub = registry.setHub('c2', a.peerId);
    expect(hub).toMatchObject({ ok: true, version: 4 });
    expect(registry.setHub('c2', 'nobody-here-at-all')).toMatchObject({
      error: 'ERR_UNKNOWN_PEER',
    });
    const left = registry.leave('c2');
    expect(payloads<PeerPlan>(left.effects, 'planPrepared')[0]?.version).toBe(5);
  });

  it('[P10] commits once every connected peer is ready', async () => {
    await join('c1');
    await join('c2');
    expect(registry.planReady('c1', 2).effects).toEqual([]);
    const effects = registry.planReady('c2', 2).effects;
    expect(payloads(effects, 'planCommitted')).toEqual([{ version: 2 }, { version: 2 }]);
    // A late ready for the committed plan is harmless; an unknown version is stale.
    expect(registry.planReady('c1', 2).ok).toBe(true);
    expect(registry.planReady('c1', 7)).toMatchObject({ ok: false, error: 'ERR_STALE_PLAN' });
  });

  it('[P10] commits at the deadline with whoever is ready', async () => {
    await join('c1');
    await join('c2');
    registry.planReady('c1', 2);
    clock.advance(DEADLINE_MS - 1);
    expect(timerEffects).toEqual([]);
    clock.advance(1);
    expect(payloads(timerEffects, 'planCommitted')).toEqual([{ version: 2 }, { version: 2 }]);
    expect(clock.pending).toBe(0);
  });

  it('[P10] lets a newer prepare supersede a pending one', async () => {
    await join('c1');
    await join('c2');
    registry.planReady('c1', 2);
    registry.setTopology('c1', 'star');
    expect(registry.planReady('c2', 2)).toMatchObject({ ok: false, error: 'ERR_STALE_PLAN' });
    expect(registry.planReady('c1', 3).effects).toEqual([]);
    expect(payloads(registry.planReady('c2', 3).effects, 'planCommitted')).toHaveLength(2);
  });

  it('[P5] keeps a link epoch while the link lives and gives a new link the new version', async () => {
    const a = await join('c1');
    const b = await join('c2');
    readyAll(['c1', 'c2'], 2);
    const c = await join('c3');
    const epochs = new Map(c.plan.links.map((l) => [l.peer, l.epoch]));
    expect(epochs.get(a.peerId)).toBe(3);
    expect(epochs.get(b.peerId)).toBe(3);
    const prepared = payloads<PeerPlan>(c.effects, 'planPrepared');
    const forA = prepared.find((p) => p.self === a.peerId);
    expect(forA?.links.find((l) => l.peer === b.peerId)?.epoch).toBe(2);
  });
});

describe('[P16] plan churn', () => {
  it('[P16] 200 topology toggles in 5 s cost a bounded number of plans; the last wins and commits', async () => {
    await join('c1');
    await join('c2');
    readyAll(['c1', 'c2'], 2);
    const topologies = ['star', 'ring', 'mesh'] as const;
    const prepared: PeerPlan[] = [];
    let last = 0;
    for (let i = 0; i < 200; i += 1) {
      const res = registry.setTopology('c1', topologies[i % 3] ?? 'mesh');
      if (!res.ok) throw new Error(res.error);
      last = res.version;
      prepared.push(
        ...payloads<PeerPlan>([...res.effects, ...timerEffects.splice(0)], 'planPrepared'),
      );
      // Both peers answer every plan at once, as a hostile pair of clients would.
      for (const c of ['c1', 'c2']) registry.planReady(c, prepared.at(-1)?.version ?? 0);
      clock.advance(25);
    }
    clock.advance(SETTINGS_PLAN_INTERVAL_MS);
    prepared.push(...payloads<PeerPlan>(timerEffects.splice(0), 'planPrepared'));
    const versions = [...new Set(prepared.map((p) => p.version))];
    expect(versions.length).toBeLessThanOrEqual(5_000 / SETTINGS_PLAN_INTERVAL_MS + 2);
    expect(versions.at(-1)).toBe(last);
    expect(prepared.at(-1)?.topology).toBe(topologies[199 % 3]);
    const commits = readyAll(['c1', 'c2'], last);
    expect(payloads(commits, 'planCommitted')).toEqual([{ version: last }, { version: last }]);
  });

  it('[P16] a burst while a settings plan is pending queues one plan, prepared when it commits', async () => {
    await join('c1');
    await join('c2');
    readyAll(['c1', 'c2'], 2);
    const first = registry.setTopology('c1', 'star');
    expect(first).toMatchObject({ ok: true, version: 3 });
    clock.advance(SETTINGS_PLAN_INTERVAL_MS);
    const second = registry.setTopology('c2', 'ring');
    const third = registry.setTopology('c1', 'mesh');
    expect(second).toMatchObject({ ok: true, version: 4 });
    expect(third).toMatchObject({ ok: true, version: 4 });
    expect(payloads(third.effects, 'planPrepared')).toEqual([]);
    // Plan 3 still commits under churn; the queued change follows with the latest settings.
    registry.planReady('c1', 3);
    const commit = registry.planReady('c2', 3).effects;
    expect(payloads(commit, 'planCommitted')).toEqual([{ version: 3 }, { version: 3 }]);
    const next = payloads<PeerPlan>(commit, 'planPrepared');
    expect(next.map((p) => [p.version, p.topology])).toEqual([
      [4, 'mesh'],
      [4, 'mesh'],
    ]);
  });

  it('[P16] a queued change waits at most for the pending plan’s deadline', async () => {
    await join('c1');
    await join('c2');
    readyAll(['c1', 'c2'], 2);
    registry.setTopology('c1', 'star');
    clock.advance(SETTINGS_PLAN_INTERVAL_MS);
    registry.setTopology('c1', 'ring');
    clock.advance(DEADLINE_MS);
    expect(payloads(timerEffects, 'planCommitted')).toEqual([{ version: 3 }, { version: 3 }]);
    expect(payloads<PeerPlan>(timerEffects, 'planPrepared').map((p) => p.topology)).toEqual([
      'ring',
      'ring',
    ]);
  });
});
