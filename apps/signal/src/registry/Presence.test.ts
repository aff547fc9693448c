import type { FakeClock } from '@meshwork/kit';
import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { GRACE_MS, joinOk, payloads, registryFixture } from '../testing/registryFixture';
import type { RoomRegistry } from './RoomRegistry';
import type { Effect, JoinInput } from './types';

let clock: FakeClock;
let timerEffects: Effect[];
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, timerEffects, registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);

describe('RoomRegistry grace, resume and expiry', () => {
  it('keeps a disconnected peer for the grace period, then removes it with a new plan', async () => {
    const a = await join('c1');
    await join('c2');
    const effects = registry.disconnect('c1');
    expect(payloads(effects, 'peerUpdated')).toEqual([
      expect.objectContaining({ id: a.peerId, connected: false }),
    ]);
    clock.advance(GRACE_MS - 1);
    expect(payloads(timerEffects, 'peerLeft')).toEqual([]);
    clock.advance(1);
    expect(payloads(timerEffects, 'peerLeft')).toEqual([{ peerId: a.peerId, reason: 'timeout' }]);
    expect(payloads<PeerPlan>(timerEffects, 'planPrepared')[0]?.order).toHaveLength(1);
  });

  it('[P9] gives a new identity to a token whose peer timed out or left in this process', async () => {
    const a = await join('c1');
    await join('c2');
    registry.disconnect('c1');
    clock.advance(GRACE_MS);
    const back = await join('c3', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(back.resumed).toBe(false);
    expect(back.peerId).not.toBe(a.peerId);
  });

  it('deletes the room when the last peer leaves and clears its timers', async () => {
    await join('c1', { password: 'pw' });
    expect(registry.leave('c1').ok).toBe(true);
    expect(registry.stats().rooms).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('drops the hub preference of a peer that leaves', async () => {
    await join('c1');
    const b = await join('c2');
    registry.setHub('c1', b.peerId);
    const res = registry.leave('c2');
    expect(payloads(res.effects, 'settingsChanged')).toEqual([
      expect.objectContaining({ topology: 'auto', hubPreference: null }),
    ]);
  });
});
