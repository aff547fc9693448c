import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, payloads, registryFixture } from '../testing/registryFixture';
import { RTT_BROADCAST_MS } from './LinkReports';
import type { RoomRegistry } from './RoomRegistry';
import type { JoinInput } from './types';

let registry: RoomRegistry;

beforeEach(() => {
  ({ registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);

describe('RoomRegistry plan lifecycle', () => {
  it('routes around a link reported failed', async () => {
    const a = await join('c1');
    const b = await join('c2');
    await join('c3');
    const res = registry.reportLinks('c1', [{ peer: b.peerId, state: 'failed' }]);
    const plans = payloads<PeerPlan>(res.effects, 'planPrepared');
    expect(plans[0]?.version).toBe(4);
    const forA = plans.find((p) => p.self === a.peerId);
    expect(forA?.links.some((l) => l.peer === b.peerId)).toBe(false);
    // The same failure again changes nothing.
    const again = registry.reportLinks('c1', [{ peer: b.peerId, state: 'failed' }]);
    expect(payloads(again.effects, 'planPrepared')).toEqual([]);
  });

  it('records link states and RTTs and broadcasts them on change only', async () => {
    await join('c1');
    const b = await join('c2');
    const res = registry.reportLinks('c1', [{ peer: b.peerId, state: 'connected', rttMs: 12 }]);
    const [changed] = payloads<{ links: unknown[] }>(res.effects, 'linksChanged');
    expect(changed?.links).toEqual([expect.objectContaining({ state: 'connected', rttMs: 12 })]);
    const same = registry.reportLinks('c1', [{ peer: b.peerId, state: 'connected', rttMs: 12 }]);
    expect(same.effects).toEqual([]);
    const unknown = registry.reportLinks('c1', [{ peer: 'not-in-this-room', state: 'failed' }]);
    expect(unknown).toMatchObject({ ok: true, effects: [] });
  });
});

describe('[P16] RTT-only reports', () => {
  it('[P16] are not rebroadcast each time: at most once per RTT_BROADCAST_MS, state changes at once', async () => {
    const { registry: r, clock } = registryFixture();
    await joinOk(r, 'c1');
    const b = await joinOk(r, 'c2');
    let broadcasts = 0;
    for (let i = 0; i < 100; i += 1) {
      const res = r.reportLinks('c1', [
        { peer: b.peerId, state: 'connected', rttMs: 10 + (i % 7) },
      ]);
      broadcasts += payloads(res.effects, 'linksChanged').length / 2;
      clock.advance(50);
    }
    // 5 s of reports: the first (a state change), then one RTT update per window.
    expect(broadcasts).toBeLessThanOrEqual(1 + (100 * 50) / RTT_BROADCAST_MS);
    const failed = r.reportLinks('c1', [{ peer: b.peerId, state: 'failed', rttMs: 11 }]);
    expect(payloads(failed.effects, 'linksChanged')).toHaveLength(2);
  });
});
