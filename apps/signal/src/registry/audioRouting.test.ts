import type { PeerPlan, RoomSettings } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  joinOk,
  payloads,
  type RegistryFixture,
  readyAll,
  registryFixture,
} from '../testing/registryFixture';
import { SETTINGS_PLAN_INTERVAL_MS } from './PlanCycle';

let fx: RegistryFixture;

beforeEach(() => {
  fx = registryFixture();
});

describe('[P30] audio routing, changed with the topology', () => {
  it('a hybrid star gives every peer kinded routes and the video graph; a change is one plan, a repeat none', async () => {
    const { registry, clock } = fx;
    const a = await joinOk(registry, 'c1');
    await joinOk(registry, 'c2');
    await joinOk(registry, 'c3');
    readyAll(registry, ['c1', 'c2', 'c3'], 3);
    const res = registry.setTopology('c2', 'star', 'mesh');
    expect(res).toMatchObject({ ok: true, version: 4 });
    if (!res.ok) throw new Error('refused');
    const settings = payloads<RoomSettings>(res.effects, 'settingsChanged');
    expect(settings[0]).toMatchObject({ topology: 'star', audioRouting: 'mesh' });
    const plans = payloads<PeerPlan>(res.effects, 'planPrepared');
    expect(plans).toHaveLength(3);
    for (const plan of plans) {
      expect(plan.links).toHaveLength(2);
      expect(plan.videoEdges).toHaveLength(2);
      // Every audio route is one hop; video of a leaf reaches a leaf through the hub.
      for (const route of plan.receive) {
        if (route.kind === 'audio' || route.kind === undefined) expect(route.path).toHaveLength(2);
      }
    }
    const leaf = plans.find((p) => p.self !== p.hub);
    expect(leaf?.receive.some((r) => r.kind === 'video' && r.path.length === 3)).toBe(true);
    expect(registry.setTopology('c2', 'star', 'mesh')).toMatchObject({ ok: true, effects: [] });
    // Audio routing alone is a change too; null keeps it as it is.
    readyAll(registry, ['c1', 'c2', 'c3'], 4);
    clock.advance(SETTINGS_PLAN_INTERVAL_MS);
    expect(registry.setTopology('c1', 'star', null)).toMatchObject({ ok: true, effects: [] });
    const back = registry.setTopology('c1', 'star', 'follow');
    expect(back).toMatchObject({ ok: true, version: 5 });
    if (!back.ok) throw new Error('refused');
    for (const plan of payloads<PeerPlan>(back.effects, 'planPrepared')) {
      expect(plan.videoEdges).toBeUndefined();
      expect(plan.receive.every((r) => r.kind === undefined)).toBe(true);
    }
    expect(a.room.settings.audioRouting).toBe('follow');
  });

  it('[P15] follows the control policy like the topology', async () => {
    const { registry } = fx;
    await joinOk(registry, 'c1');
    await joinOk(registry, 'c2');
    expect(await registry.updateRoom('c1', { controlPolicy: 'host' })).toMatchObject({ ok: true });
    expect(registry.setTopology('c2', 'mesh', 'mesh')).toMatchObject({
      ok: false,
      error: 'ERR_NOT_HOST',
    });
    expect(registry.setTopology('c1', 'ring', 'mesh')).toMatchObject({ ok: true });
  });
});
