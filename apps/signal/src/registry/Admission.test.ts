import type { FakeClock } from '@meshwork/kit';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, registryFixture, TEST_PUBLIC_KEY, to } from '../testing/registryFixture';
import type { RoomRegistry } from './RoomRegistry';
import type { JoinInput } from './types';

let clock: FakeClock;
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);

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
    const res = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'c1',
      roomId: 'other',
      displayName: 'x',
    });
    expect(res).toMatchObject({ ok: false, error: 'ERR_ALREADY_JOINED' });
  });

  it('[P8] caps the room size', async () => {
    for (const c of ['c1', 'c2', 'c3', 'c4']) await join(c);
    const res = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'c5',
      roomId: 'room',
      displayName: 'e',
    });
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
    const missing = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'c2',
      roomId: 'room',
      displayName: 'b',
    });
    const wrong = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'c3',
      roomId: 'room',
      displayName: 'b',
      password: 'nope',
    });
    expect(missing).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
    expect(wrong).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
    const right = await join('c4', { password: 'secret' });
    expect(right.room.settings.passwordProtected).toBe(true);
  });

  it('[P18] answers ERR_NO_PASSWORD to a newcomer that brings a password to an open room', async () => {
    await join('c1');
    const res = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'c2',
      roomId: 'room',
      displayName: 'b',
      password: 'pw',
    });
    expect(res).toMatchObject({ ok: false, error: 'ERR_NO_PASSWORD' });
    expect(registry.stats().peers).toBe(1);
  });

  it('forgets the password when the room empties', async () => {
    await join('c1', { password: 'secret' });
    registry.leave('c1');
    const again = await join('c2', { password: 'other' });
    expect(again.room.peers).toHaveLength(1);
  });

  it('[P8] checks the password before the room cap, so a full room says nothing to outsiders', async () => {
    for (const c of ['c1', 'c2', 'c3', 'c4']) await join(c, { password: 'pw' });
    const res = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'c5',
      roomId: 'room',
      displayName: 'e',
    });
    expect(res).toMatchObject({ ok: false, error: 'ERR_AUTH_FAILED' });
  });
});
