import type { FakeClock } from '@meshwork/kit';
import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GRACE_MS,
  joinOk,
  payloads,
  readyAll as readyAllOf,
  registryFixture,
  to,
} from '../testing/registryFixture';
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

describe('RoomRegistry grace, resume and expiry', () => {
  it('[P9] restores the same id within grace and replaces the old connection', async () => {
    const a = await join('c1');
    await join('c2');
    readyAll(['c1', 'c2'], 2);
    registry.disconnect('c1');
    const back = await join('c1b', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(back).toMatchObject({ resumed: true, peerId: a.peerId, joinedAt: a.joinedAt });
    expect(back.plan.version).toBe(2);
    expect(to(back.effects, 'c1b', 'planCommitted')).toHaveLength(1);
    expect(payloads(back.effects, 'peerUpdated')).toEqual([
      expect.objectContaining({ id: a.peerId, connected: true }),
    ]);
    clock.advance(GRACE_MS * 2);
    expect(payloads(timerEffects, 'peerLeft')).toEqual([]);
    // A resume while the old socket still looks alive drops the old socket.
    const again = await join('c1c', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(again.effects).toContainEqual({ type: 'disconnect', conn: 'c1b' });
    expect(registry.leave('c1b')).toMatchObject({ ok: false, error: 'ERR_NOT_JOINED' });
  });

  it('[P9] rebuilds a room after a restart from the token and hints, never going back', async () => {
    const hints = { planVersion: 41, topology: 'ring' as const, hubPreference: null };
    const a = await join('c1', { resume: { peerId: 'old-peer-aaaa', joinedAt: 1000, hints } });
    expect(a).toMatchObject({ resumed: true, peerId: 'old-peer-aaaa', joinedAt: 1000 });
    expect(a.plan.version).toBe(42);
    expect(a.room.settings.topology).toBe('ring');
    const b = await join('c2', {
      resume: { peerId: 'old-peer-bbbb', joinedAt: 500, hints: { ...hints, planVersion: 40 } },
    });
    expect(b.plan.version).toBe(43);
    // Join order follows the restored join times.
    expect(b.plan.order).toEqual(['old-peer-bbbb', 'old-peer-aaaa']);
  });

  it('[P9] holds hinted peers of a rebuilt room and keeps every remembered link epoch', async () => {
    // Before the restart: a ring of A, B, C (all linked, N = 3) at plan 41 with these epochs.
    const ids = { a: 'old-peer-aaaa', b: 'old-peer-bbbb', c: 'old-peer-cccc' };
    const peers = [
      { id: ids.a, joinedAt: 100, displayName: 'Ana' },
      { id: ids.b, joinedAt: 200, displayName: 'Bo' },
      { id: ids.c, joinedAt: 300, displayName: 'Cy' },
    ];
    const hints = { planVersion: 41, topology: 'ring' as const, hubPreference: null, peers };
    const a = await join('c1', {
      resume: {
        peerId: ids.a,
        joinedAt: 100,
        hints: {
          ...hints,
          links: [
            { peer: ids.b, epoch: 7 },
            { peer: ids.c, epoch: 30 },
          ],
        },
      },
    });
    // The first resumer's plan still links it to B and C, with the epochs it remembers.
    expect(a.room.peers.map((p) => [p.id, p.connected])).toEqual([
      [ids.a, true],
      [ids.b, false],
      [ids.c, false],
    ]);
    expect(a.plan.links.map((l) => [l.peer, l.epoch])).toEqual([
      [ids.b, 7],
      [ids.c, 30],
    ]);
    // A alone is ready: the commit must not drop links to peers still resuming.
    registry.planReady('c1', a.plan.version);
    const b = await join('c2', {
      resume: {
        peerId: ids.b,
        joinedAt: 200,
        hints: {
          ...hints,
          links: [
            { peer: ids.a, epoch: 7 },
            { peer: ids.c, epoch: 12 },
          ],
        },
      },
    });
    expect(b.resumed).toBe(true);
    expect(b.plan.links.map((l) => [l.peer, l.epoch])).toEqual([
      [ids.a, 7],
      [ids.c, 12],
    ]);
    const c = await join('c3', {
      resume: {
        peerId: ids.c,
        joinedAt: 300,
        hints: {
          ...hints,
          links: [
            { peer: ids.a, epoch: 30 },
            { peer: ids.b, epoch: 12 },
          ],
        },
      },
    });
    expect(c.plan.links.map((l) => [l.peer, l.epoch])).toEqual([
      [ids.a, 30],
      [ids.b, 12],
    ]);
    expect(c.room.peers.every((p) => p.connected)).toBe(true);
    // Remembered epochs are forgotten once both ends resumed: a re-added link starts a new life.
    readyAll(['c1', 'c2', 'c3'], c.plan.version);
    const star = registry.setTopology('c1', 'star');
    if (!star.ok) throw new Error(star.error);
    readyAll(['c1', 'c2', 'c3'], star.version);
    const mesh = registry.setTopology('c1', 'mesh');
    if (!mesh.ok) throw new Error(mesh.error);
    const bPlan = payloads<PeerPlan>(mesh.effects, 'planPrepared').find((p) => p.self === ids.b);
    expect(bPlan?.links.map((l) => [l.peer, l.epoch])).toEqual([
      [ids.a, 7],
      [ids.c, mesh.version],
    ]);
  });

  it('[P9] forgets placeholders of a rebuilt room that never resume', async () => {
    const peers = [{ id: 'old-peer-bbbb', joinedAt: 200, displayName: 'Bo' }];
    const hints = { planVersion: 9, topology: 'mesh' as const, hubPreference: null, peers };
    await join('c1', { resume: { peerId: 'old-peer-aaaa', joinedAt: 100, hints } });
    expect(registry.stats()).toEqual({ rooms: 1, peers: 2, connectedPeers: 1 });
    clock.advance(GRACE_MS);
    expect(payloads(timerEffects, 'peerLeft')).toEqual([
      { peerId: 'old-peer-bbbb', reason: 'timeout' },
    ]);
    expect(registry.stats()).toEqual({ rooms: 1, peers: 1, connectedPeers: 1 });
  });
});
