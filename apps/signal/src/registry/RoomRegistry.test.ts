import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../testing/FakeClock';
import { RoomRegistry } from './RoomRegistry';
import type { Effect, JoinInput, RegistryOptions } from './types';

const GRACE_MS = 5_000;
const DEADLINE_MS = 2_000;

let clock: FakeClock;
let timerEffects: Effect[];
let registry: RoomRegistry;

function make(options: Partial<RegistryOptions> = {}): RoomRegistry {
  return new RoomRegistry({
    clock,
    maxPeersPerRoom: 4,
    graceMs: GRACE_MS,
    commitDeadlineMs: DEADLINE_MS,
    onEffects: (effects) => timerEffects.push(...effects),
    // A cheap stand-in keeps unit tests fast; the scrypt module has its own test.
    passwords: {
      hash: async (p) => `plain:${p}`,
      verify: async (p, h) => h === `plain:${p}`,
    },
    ...options,
  });
}

beforeEach(() => {
  clock = new FakeClock();
  timerEffects = [];
  registry = make();
});

async function join(conn: string, extra: Partial<JoinInput> = {}) {
  const res = await registry.join({ conn, roomId: 'room', displayName: conn, ...extra });
  if (!res.ok) throw new Error(`join failed: ${res.error}`);
  return res;
}

function to(effects: Effect[], conn: string, event?: string) {
  return effects.filter(
    (e) => e.type === 'emit' && e.conn === conn && (event === undefined || e.event === event),
  );
}

function payloads<T>(effects: Effect[], event: string): T[] {
  return effects.flatMap((e) => (e.type === 'emit' && e.event === event ? [e.payload as T] : []));
}

/** Every connected peer reports ready for the pending plan; returns the commit effects. */
function readyAll(conns: string[], version: number): Effect[] {
  const effects: Effect[] = [];
  for (const c of conns) {
    const res = registry.planReady(c, version);
    expect(res.ok).toBe(true);
    effects.push(...res.effects);
  }
  return effects;
}

describe('RoomRegistry joins', () => {
  it('creates a room on first join and keeps peers in join order', async () => {
    const a = await join('c1');
    clock.advance(1);
    const b = await join('c2');
    clock.advance(1);
    const c = await join('c3');
    expect(a.resumed).toBe(false);
    expect(a.peerId).toMatch(/^[A-Za-z0-9_-]{8,32}$/);
    expect(c.room.peers.map((p) => p.id)).toEqual([a.peerId, b.peerId, c.peerId]);
    expect(c.plan.order).toEqual([a.peerId, b.peerId, c.peerId]);
    expect(registry.stats()).toEqual({ rooms: 1, peers: 3, connectedPeers: 3 });
  });

  it('tells the others peerJoined then planPrepared; the joiner gets its plan in the result', async () => {
    await join('c1');
    const b = await join('c2');
    expect(b.plan.version).toBe(2);
    expect(b.plan.self).toBe(b.peerId);
    const forA = to(b.effects, 'c1');
    expect(forA.map((e) => (e.type === 'emit' ? e.event : ''))).toEqual([
      'peerJoined',
      'planPrepared',
      'linksChanged',
    ]);
    expect(to(b.effects, 'c2')).toEqual([]);
  });

  it('refuses a second join on the same connection', async () => {
    await join('c1');
    const res = await registry.join({ conn: 'c1', roomId: 'other', displayName: 'x' });
    expect(res).toMatchObject({ ok: false, error: 'ERR_ALREADY_JOINED' });
  });

  it('[P8] caps the room size', async () => {
    for (const c of ['c1', 'c2', 'c3', 'c4']) await join(c);
    const res = await registry.join({ conn: 'c5', roomId: 'room', displayName: 'e' });
    expect(res).toMatchObject({ ok: false, error: 'ERR_ROOM_FULL' });
    expect(registry.stats().peers).toBe(4);
  });

  it('answers ERR_NOT_JOINED before join', () => {
    expect(registry.leave('x')).toMatchObject({ ok: false, error: 'ERR_NOT_JOINED' });
    expect(registry.planReady('x', 1)).toMatchObject({ ok: false, error: 'ERR_NOT_JOINED' });
    expect(registry.setTopology('x', 'ring')).toMatchObject({ error: 'ERR_NOT_JOINED' });
    expect(registry.disconnect('x')).toEqual([]);
  });
});

describe('RoomRegistry passwords', () => {
  it('[P8] lets the first joiner set the password and refuses wrong or missing ones', async () => {
    await join('c1', { password: 'secret' });
    const missing = await registry.join({ conn: 'c2', roomId: 'room', displayName: 'b' });
    const wrong = await registry.join({
      conn: 'c3',
      roomId: 'room',
      displayName: 'b',
      password: 'nope',
    });
    expect(missing).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
    expect(wrong).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
    const right = await join('c4', { password: 'secret' });
    expect(right.room.passwordProtected).toBe(true);
  });

  it('forgets the password when the room empties', async () => {
    await join('c1', { password: 'secret' });
    registry.leave('c1');
    const again = await join('c2', { password: 'other' });
    expect(again.room.peers).toHaveLength(1);
  });

  it('[P8] checks the password before the room cap, so a full room says nothing to outsiders', async () => {
    for (const c of ['c1', 'c2', 'c3', 'c4']) await join(c, { password: 'pw' });
    const res = await registry.join({ conn: 'c5', roomId: 'room', displayName: 'e' });
    expect(res).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
  });
});

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
    expect(clock.pending()).toBe(0);
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

describe('RoomRegistry relay authorization', () => {
  it('[P4] relays between linked peers with the link epoch and stamps the sender', async () => {
    const a = await join('c1');
    const b = await join('c2');
    const signal = { type: 'ice-restart' as const };
    const res = registry.signal('c1', { to: b.peerId, epoch: 2, signal });
    expect(res.ok).toBe(true);
    expect(res.effects).toEqual([
      { type: 'emit', conn: 'c2', event: 'signal', payload: { from: a.peerId, epoch: 2, signal } },
    ]);
  });

  it('[P4][P5] refuses a wrong epoch, an unlinked peer, itself and peers of other rooms', async () => {
    const a = await join('c1');
    const b = await join('c2');
    const c = await join('c3');
    const other = await registry.join({ conn: 'x1', roomId: 'elsewhere', displayName: 'x' });
    if (!other.ok) throw new Error('join failed');
    registry.setTopology('c1', 'star');
    readyAll(['c1', 'c2', 'c3'], 4);
    const signal = { type: 'ice-restart' as const };
    const refuse = (conn: string, toId: string, epoch: number) =>
      expect(registry.signal(conn, { to: toId, epoch, signal })).toMatchObject({
        ok: false,
        error: 'ERR_NOT_LINKED',
        effects: [],
      });
    refuse('c1', b.peerId, 99);
    refuse('c2', c.peerId, 3); // two leaves of the star
    refuse('c1', a.peerId, 1);
    refuse('c1', other.peerId, 1);
    refuse('x1', a.peerId, 1);
    refuse('c1', 'no-such-peer-id', 1);
  });

  it('[P10] accepts the links of both the committed and the pending plan', async () => {
    await join('c1');
    const b = await join('c2');
    const c = await join('c3');
    readyAll(['c1', 'c2', 'c3'], 3);
    registry.setTopology('c1', 'star'); // pending v4: b and c both leaves of a
    const signal = { type: 'ice-restart' as const };
    expect(registry.signal('c2', { to: c.peerId, epoch: 3, signal }).ok).toBe(true);
    readyAll(['c1', 'c2', 'c3'], 4);
    expect(registry.signal('c2', { to: c.peerId, epoch: 3, signal }).ok).toBe(false);
    expect(b.peerId).not.toBe(c.peerId);
  });
});

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

  it('[P9] gives a new identity to a token whose peer timed out or left in this process', async () => {
    const a = await join('c1');
    await join('c2');
    registry.disconnect('c1');
    clock.advance(GRACE_MS);
    const back = await join('c3', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(back.resumed).toBe(false);
    expect(back.peerId).not.toBe(a.peerId);
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

  it('deletes the room when the last peer leaves and clears its timers', async () => {
    await join('c1', { password: 'pw' });
    expect(registry.leave('c1').ok).toBe(true);
    expect(registry.stats().rooms).toBe(0);
    expect(clock.pending()).toBe(0);
  });

  it('drops the hub preference of a peer that leaves', async () => {
    await join('c1');
    const b = await join('c2');
    registry.setHub('c1', b.peerId);
    const res = registry.leave('c2');
    expect(payloads(res.effects, 'settingsChanged')).toEqual([
      { topology: 'mesh', hubPreference: null },
    ]);
  });
});
