import type { FakeClock } from '@meshwork/kit';
import type { PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { RESUME_TOKEN_TTL_MS } from '../auth/resumeToken';
import {
  GRACE_MS,
  joinOk,
  PLAN_SECRET,
  payloads,
  readyAll as readyAllOf,
  registryFixture,
  TEST_PUBLIC_KEY,
  to,
} from '../testing/registryFixture';
import { createPlanProofs } from './planProof';
import type { RoomRegistry } from './RoomRegistry';
import type { Effect, JoinInput, ResumeRequest } from './types';

let clock: FakeClock;
let timerEffects: Effect[];
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, timerEffects, registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);
const readyAll = (conns: string[], version: number) => readyAllOf(registry, conns, version);
const proofs = createPlanProofs(PLAN_SECRET);
const links = (plan: PeerPlan) => plan.links.map((l) => [l.peer, l.epoch]);

/** What a client that held plan `version` of a ring sends after a restart. */
function resumeOf(
  peerId: string,
  joinedAt: number,
  held: Array<[string, number]>,
  extra: Partial<ResumeRequest> = {},
): { resume: ResumeRequest } {
  const hints = {
    planVersion: 41,
    planProof: proofs.sign('room', 41),
    topology: 'ring' as const,
    hubPreference: null,
    links: held.map(([peer, epoch]) => ({ peer, epoch })),
  };
  return { resume: { peerId, joinedAt, hints, ...extra } };
}

describe('RoomRegistry grace and resume', () => {
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

  it('[P16] a retired id stays retired for the token lifetime', async () => {
    await join('c0');
    const a = await join('c1');
    registry.leave('c1');
    clock.advance(RESUME_TOKEN_TTL_MS - 1);
    const back = await join('c1b', { resume: { peerId: a.peerId, joinedAt: a.joinedAt } });
    expect(back.resumed).toBe(false);
    expect(back.peerId).not.toBe(a.peerId);
  });

  it('[P14] refuses a resume that brings another public key, and changes nothing', async () => {
    const a = await join('c1');
    registry.disconnect('c1');
    const res = await registry.join({
      conn: 'c1b',
      roomId: 'room',
      displayName: 'x',
      publicKey: `C${'A'.repeat(86)}`,
      resume: { peerId: a.peerId, joinedAt: a.joinedAt },
    });
    expect(res).toMatchObject({ ok: false, error: 'ERR_BAD_REQUEST' });
    expect(registry.stats()).toEqual({ rooms: 1, peers: 1, connectedPeers: 0 });
  });
});

describe('RoomRegistry rebuild after a restart', () => {
  it('[P16] raises the version only to a hinted version whose proof verifies', async () => {
    const hints = {
      planVersion: Number.MAX_SAFE_INTEGER,
      topology: 'ring' as const,
      hubPreference: null,
    };
    const forged = await join('c1', {
      resume: {
        peerId: 'old-peer-aaaa',
        joinedAt: 1000,
        hints: { ...hints, planProof: 'x'.repeat(22) },
      },
    });
    expect(forged).toMatchObject({ resumed: true, peerId: 'old-peer-aaaa' });
    expect(forged.plan.version).toBe(1);
    expect(forged.room.settings.topology).toBe('ring');
    const proven = await join('c2', resumeOf('old-peer-bbbb', 500, []));
    expect(proven.plan.version).toBe(42);
    expect(proven.plan.proof).toBe(proofs.sign('room', 42));
    // A proof of another room proves nothing here.
    const other = { ...hints, planVersion: 90, planProof: proofs.sign('elsewhere', 90) };
    const c = await join('c3', {
      resume: { peerId: 'old-peer-cccc', joinedAt: 700, hints: other },
    });
    expect(c.plan.version).toBe(43);
    expect(c.plan.order).toEqual(['old-peer-bbbb', 'old-peer-cccc', 'old-peer-aaaa']);
  });

  it('[P16] keeps a ring of four whole while its peers resume: no link lost, none added, same epochs', async () => {
    const [a, b, c, d] = ['old-peer-aaaa', 'old-peer-bbbb', 'old-peer-cccc', 'old-peer-dddd'];
    const ja = await join(
      'c1',
      resumeOf(
        a,
        100,
        [
          [b, 7],
          [d, 30],
        ],
        { host: true },
      ),
    );
    // Expected peers are not peers: the room shows A alone, and the cap does not count them.
    expect(ja.room.peers.map((p) => p.id)).toEqual([a]);
    expect(ja.room.links).toEqual([]);
    expect(ja.room.settings.hostId).toBe(a);
    expect(links(ja.plan)).toEqual([
      [b, 7],
      [d, 30],
    ]);
    // Nothing commits while the room waits: committing would drop routes still in use.
    expect(registry.planReady('c1', ja.plan.version).effects).toEqual([]);
    const jb = await join(
      'c2',
      resumeOf(b, 200, [
        [a, 7],
        [c, 12],
      ]),
    );
    expect(links(jb.plan)).toEqual([
      [a, 7],
      [c, 12],
    ]);
    const jc = await join(
      'c3',
      resumeOf(c, 300, [
        [b, 12],
        [d, 3],
      ]),
    );
    expect(links(jc.plan)).toEqual([
      [b, 12],
      [d, 3],
    ]);
    const jd = await join(
      'c4',
      resumeOf(d, 400, [
        [c, 3],
        [a, 30],
      ]),
    );
    expect(links(jd.plan)).toEqual([
      [a, 30],
      [c, 3],
    ]);
    // Everyone is back: the room's own ring, in join order, with every remembered epoch.
    const forA = payloads<PeerPlan>(jd.effects, 'planPrepared').find((p) => p.self === a);
    expect(forA?.order).toEqual([a, b, c, d]);
    expect(links(forA as PeerPlan)).toEqual([
      [b, 7],
      [d, 30],
    ]);
    const commits = readyAll(['c1', 'c2', 'c3', 'c4'], jd.plan.version);
    expect(payloads(commits, 'planCommitted')).toHaveLength(4);
    // Remembered epochs end with the rebuild: a link dropped and re-added starts a new life.
    const star = registry.setTopology('c1', 'star');
    if (!star.ok) throw new Error(star.error);
    readyAll(['c1', 'c2', 'c3', 'c4'], star.version);
    clock.advance(1_000);
    const mesh = registry.setTopology('c1', 'mesh');
    if (!mesh.ok) throw new Error(mesh.error);
    const forB = payloads<PeerPlan>(mesh.effects, 'planPrepared').find((p) => p.self === b);
    expect(forB?.links.find((l) => l.peer === d)?.epoch).toBe(mesh.version);
  });

  it('[P16] hints never add peers: twenty made-up links leave the room to its members', async () => {
    const fakes = Array.from({ length: 20 }, (_, i) => [`fake-peer-${i}xx`, 1] as [string, number]);
    const attacker = await join('c1', resumeOf('old-peer-aaaa', 100, fakes));
    expect(attacker.room.peers).toHaveLength(1);
    expect(attacker.plan.links.length).toBeLessThanOrEqual(4);
    expect(registry.stats()).toEqual({ rooms: 1, peers: 1, connectedPeers: 1 });
    // Newcomers are not kept out, and the first of them ends the rebuild.
    const honest = [await join('c2'), await join('c3'), await join('c4')];
    const last = honest[2];
    expect(last?.room.peers).toHaveLength(4);
    expect(last?.plan.order).toHaveLength(4);
    expect(last?.room.settings.hostId).toBe('old-peer-aaaa');
    const commits = readyAll(['c1', 'c2', 'c3', 'c4'], last?.plan.version ?? 0);
    expect(payloads(commits, 'planCommitted')).toHaveLength(4);
  });

  it('[P16] a resumed peer that did not hold a link refuses it; an epoch past the version is new', async () => {
    const [a, b] = ['old-peer-aaaa', 'old-peer-bbbb'];
    const ja = await join('c1', resumeOf(a, 100, [[b, 9_999]]));
    expect(links(ja.plan)).toEqual([[b, ja.plan.version]]);
    const jb = await join('c2', resumeOf(b, 200, []));
    // B named no link to A: the rebuild is over, and the room plans its own ring of two.
    expect(jb.plan.order).toEqual([a, b]);
    expect(links(jb.plan)).toEqual([[a, jb.plan.version]]);
  });

  it('[P16] forgets expected peers that never resume, then commits and gives the room a host', async () => {
    const ja = await join('c1', resumeOf('old-peer-aaaa', 100, [['old-peer-bbbb', 5]]));
    expect(ja.room.settings.hostId).toBeNull();
    expect(links(ja.plan)).toEqual([['old-peer-bbbb', 5]]);
    registry.planReady('c1', ja.plan.version);
    clock.advance(GRACE_MS);
    expect(payloads(timerEffects, 'peerLeft')).toEqual([]);
    expect(payloads(timerEffects, 'settingsChanged')).toEqual([
      expect.objectContaining({ hostId: 'old-peer-aaaa' }),
    ]);
    const [plan] = payloads<PeerPlan>(timerEffects, 'planPrepared');
    expect(plan?.links).toEqual([]);
    expect(registry.planReady('c1', plan?.version ?? 0).effects).toEqual([
      { type: 'emit', conn: 'c1', event: 'planCommitted', payload: { version: plan?.version } },
    ]);
    expect(registry.stats()).toEqual({ rooms: 1, peers: 1, connectedPeers: 1 });
  });

  it('[P16] a hint naming a peer of another room does not touch that peer', async () => {
    const other = await registry.join({
      conn: 'x1',
      roomId: 'elsewhere',
      displayName: 'x',
      publicKey: TEST_PUBLIC_KEY,
    });
    if (!other.ok) throw new Error(other.error);
    registry.disconnect('x1');
    await join('c1', resumeOf('old-peer-aaaa', 100, [[other.peerId, 1]]));
    clock.advance(GRACE_MS - 1);
    expect(payloads(timerEffects, 'peerLeft')).toEqual([]);
    clock.advance(1);
    expect(registry.stats().peers).toBe(1);
  });
});
