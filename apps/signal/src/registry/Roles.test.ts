import type { FakeClock } from '@meshwork/kit';
import type { PeerLeftEvent, RoomSettings } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GRACE_MS,
  joinOk,
  payloads,
  registryFixture,
  TEST_PUBLIC_KEY,
  to,
} from '../testing/registryFixture';
import type { RoomRegistry } from './RoomRegistry';
import type { JoinInput } from './types';

let clock: FakeClock;
let timerEffects: ReturnType<typeof registryFixture>['timerEffects'];
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, timerEffects, registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);
const tryJoin = (conn: string, extra: Partial<JoinInput> = {}) =>
  registry.join({ conn, roomId: 'room', displayName: conn, publicKey: TEST_PUBLIC_KEY, ...extra });
const settings = () => (registry.dump() as { settings: RoomSettings }[])[0]?.settings;

describe('[P15] the host role', () => {
  it('[P15] the first joiner is host, kept across grace, passed to the longest-present connected member', async () => {
    const a = await join('c1');
    clock.advance(1);
    const b = await join('c2');
    clock.advance(1);
    const c = await join('c3');
    expect(c.room.settings.hostId).toBe(a.peerId);
    registry.disconnect('c1');
    registry.disconnect('c2');
    clock.advance(GRACE_MS - 1);
    expect(settings()?.hostId).toBe(a.peerId);
    const back = await join('c1b', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(back.room.settings.hostId).toBe(a.peerId);
    // A leaves; B is older than C but still disconnected, so the role goes to C.
    const left = registry.leave('c1b');
    expect(payloads<RoomSettings>(left.effects, 'settingsChanged')).toEqual([
      expect.objectContaining({ hostId: c.peerId }),
    ]);
    expect(b.peerId).not.toBe(c.peerId);
  });

  it('[P15] the role passes when the host’s grace ends, not before', async () => {
    const a = await join('c1');
    clock.advance(1);
    const b = await join('c2');
    registry.disconnect('c1');
    clock.advance(GRACE_MS - 1);
    expect(settings()?.hostId).toBe(a.peerId);
    clock.advance(1);
    expect(payloads<RoomSettings>(timerEffects, 'settingsChanged')).toEqual([
      expect.objectContaining({ hostId: b.peerId }),
    ]);
  });

  it('[P15] only the host transfers the role; anyone else gets ERR_NOT_HOST and nothing changes', async () => {
    const a = await join('c1');
    const b = await join('c2');
    expect(registry.transferHost('c2', b.peerId)).toMatchObject({
      ok: false,
      error: 'ERR_NOT_HOST',
    });
    expect(registry.transferHost('c1', 'nobody-here-at-all')).toMatchObject({
      error: 'ERR_UNKNOWN_PEER',
    });
    expect(settings()?.hostId).toBe(a.peerId);
    const moved = registry.transferHost('c1', b.peerId);
    expect(payloads<RoomSettings>(moved.effects, 'settingsChanged')).toHaveLength(2);
    expect(settings()?.hostId).toBe(b.peerId);
  });

  it('[P15] under the host policy only the host steers topology and hub', async () => {
    const a = await join('c1');
    await join('c2');
    expect(await registry.updateRoom('c2', { controlPolicy: 'host' })).toMatchObject({
      error: 'ERR_NOT_HOST',
    });
    expect(settings()?.controlPolicy).toBe('everyone');
    const policy = await registry.updateRoom('c1', { controlPolicy: 'host' });
    expect(payloads<RoomSettings>(policy.effects, 'settingsChanged')).toEqual([
      expect.objectContaining({ controlPolicy: 'host' }),
      expect.objectContaining({ controlPolicy: 'host' }),
    ]);
    const version = (registry.dump() as { version: number }[])[0]?.version;
    expect(registry.setTopology('c2', 'star')).toMatchObject({ ok: false, error: 'ERR_NOT_HOST' });
    expect(registry.setHub('c2', a.peerId)).toMatchObject({ ok: false, error: 'ERR_NOT_HOST' });
    expect(settings()).toMatchObject({
      topology: 'auto',
      auto: { topology: 'mesh', reason: 'small' },
      hubPreference: null,
    });
    expect((registry.dump() as { version: number }[])[0]?.version).toBe(version);
    expect(registry.setTopology('c1', 'star')).toMatchObject({ ok: true });
  });

  it('[P15] a password room defaults to the host policy; the host sets and clears passwords', async () => {
    const a = await join('c1', { password: 'pw' });
    expect(a.room.settings).toMatchObject({ controlPolicy: 'host', passwordProtected: true });
    expect(await registry.updateRoom('c1', { password: 'new' })).toMatchObject({ ok: true });
    expect(await tryJoin('c2', { password: 'pw' })).toMatchObject({ error: 'ERR_AUTH_FAILED' });
    await join('c3', { password: 'new' });
    const cleared = await registry.updateRoom('c1', { password: null });
    expect(payloads<RoomSettings>(cleared.effects, 'settingsChanged')[0]).toMatchObject({
      passwordProtected: false,
      lobby: false,
    });
    await join('c4');
  });

  it('[P15] a locked room refuses newcomers with ERR_ROOM_LOCKED; members still resume', async () => {
    const a = await join('c1');
    await join('c2');
    await registry.updateRoom('c1', { locked: true });
    expect(await tryJoin('c3')).toMatchObject({ ok: false, error: 'ERR_ROOM_LOCKED' });
    expect(registry.stats().peers).toBe(2);
    registry.disconnect('c1');
    const back = await join('c1b', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(back.resumed).toBe(true);
    await registry.updateRoom('c1b', { locked: false });
    await join('c3');
  });

  it('[P15] removePeer: the target is told ERR_REMOVED, dropped, leaves as kicked, and its id is retired', async () => {
    await join('c1');
    const b = await join('c2');
    await join('c3');
    expect(registry.removePeer('c3', b.peerId)).toMatchObject({ ok: false, error: 'ERR_NOT_HOST' });
    expect(registry.stats().peers).toBe(3);
    const res = registry.removePeer('c1', b.peerId);
    expect(to(res.effects, 'c2')).toEqual([
      {
        type: 'emit',
        conn: 'c2',
        event: 'serverError',
        payload: expect.objectContaining({ error: 'ERR_REMOVED' }),
      },
    ]);
    expect(res.effects).toContainEqual({ type: 'disconnect', conn: 'c2' });
    expect(payloads<PeerLeftEvent>(res.effects, 'peerLeft')).toEqual([
      { peerId: b.peerId, reason: 'kicked' },
      { peerId: b.peerId, reason: 'kicked' },
    ]);
    expect(registry.peerOf('c2')).toBeNull();
    const again = await join('c2b', { resume: { peerId: b.peerId, joinedAt: b.joinedAt } });
    expect(again.resumed).toBe(false);
    expect(again.peerId).not.toBe(b.peerId);
    expect(registry.removePeer('c1', 'nobody-here-at-all')).toMatchObject({
      error: 'ERR_UNKNOWN_PEER',
    });
  });
});

describe('[P17] hub claims', () => {
  it('[P17] refuses a server claim without a verified hub token, at join and in updatePeer', async () => {
    const claim = { capacity: { deviceClass: 'server' as const, uplinkKbps: 1e7 } };
    expect(await tryJoin('c1', claim)).toMatchObject({ ok: false, error: 'ERR_HUB_AUTH' });
    expect(registry.stats()).toEqual({ rooms: 0, peers: 0, connectedPeers: 0 });
    await join('c1');
    expect(registry.updatePeer('c1', claim)).toMatchObject({ ok: false, error: 'ERR_HUB_AUTH' });
    const [peer] = (registry.dump() as { peers: { capacity: object }[] }[])[0]?.peers ?? [];
    expect(peer?.capacity).toEqual({});
  });

  it('[P17] a newcomer claiming a huge uplink does not become hub; a verified media hub does', async () => {
    const a = await join('c1');
    await registry.updateRoom('c1', {});
    registry.setTopology('c1', 'star');
    clock.advance(1_000);
    const greedy = await join('c2', { capacity: { uplinkKbps: 1e7, deviceClass: 'desktop' } });
    expect(greedy.plan.hub).toBe(a.peerId);
    const hub = await join('c3', {
      hubVerified: true,
      capacity: { deviceClass: 'server', uplinkKbps: 1e6 },
    });
    expect(hub.plan.hub).toBe(hub.peerId);
  });
});

describe('[P24] media hubs', () => {
  const hub = { hubVerified: true, capacity: { deviceClass: 'server' as const } };

  it('[P24] a verified media hub joins a password room without the password, and a locked room', async () => {
    await join('c1', { password: 'pw' });
    expect(await tryJoin('c2', hub)).toMatchObject({ ok: true });
    expect(await registry.updateRoom('c1', { locked: true })).toMatchObject({ ok: true });
    expect(await tryJoin('c3')).toMatchObject({ ok: false });
    expect(await tryJoin('c4', hub)).toMatchObject({ ok: true });
  });

  it('[P15][P24] a media hub never hosts: the role skips it when the host leaves, and cannot be handed to it', async () => {
    const a = await join('c1');
    clock.advance(1);
    const server = await join('c2', hub);
    clock.advance(1);
    const b = await join('c3');
    expect(registry.transferHost('c1', server.peerId)).toMatchObject({
      ok: false,
      error: 'ERR_UNKNOWN_PEER',
    });
    expect(settings()?.hostId).toBe(a.peerId);
    // The hub is older than B, but B is the next person: both are told so.
    const left = registry.leave('c1');
    const told = payloads<RoomSettings>(left.effects, 'settingsChanged');
    expect(told.map((s) => s.hostId)).toEqual([b.peerId, b.peerId]);
  });

  it('[P24] a hub token alone, without the server class, does not pass the password', async () => {
    await join('c1', { password: 'pw' });
    expect(await tryJoin('c2', { hubVerified: true })).toMatchObject({
      ok: false,
      error: 'ERR_AUTH_FAILED',
    });
  });

  it('[P24][R17] the media hub idles in a mesh and is the star hub by default', async () => {
    const a = await join('c1');
    const b = await join('c2');
    const h = await join('c3', hub);
    expect(h.plan.links).toEqual([]);
    expect(h.plan.order).toEqual([a.peerId, b.peerId]);
    const star = registry.setTopology('c1', 'star');
    expect(star.ok).toBe(true);
    const plans = payloads<{ self: string; hub: string; order: string[] }>(
      star.effects,
      'planPrepared',
    );
    expect(plans.find((p) => p.self === a.peerId)).toMatchObject({
      hub: h.peerId,
      order: [h.peerId, a.peerId, b.peerId],
    });
  });
});
