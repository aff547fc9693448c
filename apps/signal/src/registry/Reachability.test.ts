import type { FakeClock } from '@meshwork/kit';
import type { PeerInfo, PeerPlan } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, payloads, readyAll, registryFixture } from '../testing/registryFixture';
import { LINK_DOWN_CONFIRM_MS } from './Reachability';
import type { RoomRegistry } from './RoomRegistry';
import type { Effect } from './types';

let clock: FakeClock;
let timerEffects: Effect[];
let registry: RoomRegistry;

beforeEach(() => {
  ({ clock, timerEffects, registry } = registryFixture());
});

const CONNS = ['c1', 'c2', 'c3', 'c4'];

/** Four peers in a committed star whose hub is the first; returns their ids. */
async function star(): Promise<string[]> {
  const ids: string[] = [];
  for (const c of CONNS) ids.push((await joinOk(registry, c)).peerId);
  const set = registry.setTopology('c1', 'star');
  if (!set.ok) throw new Error(set.error);
  readyAll(registry, CONNS, set.version);
  return ids;
}

const hubOf = (effects: Effect[]) => payloads<PeerPlan>(effects, 'planPrepared')[0]?.hub;

describe('reachability ([P22])', () => {
  it('[P22] a hub whose socket closes is replaced at once and keeps its id as a leaf', async () => {
    const [a, b] = await star();
    const effects = registry.disconnect('c1');
    expect(hubOf(effects)).toBe(b);
    const plans = payloads<PeerPlan>(effects, 'planPrepared');
    expect(plans.every((p) => p.order.includes(a as string))).toBe(true);
    expect(payloads<PeerInfo>(effects, 'peerUpdated')).toContainEqual(
      expect.objectContaining({ id: a, connected: false }),
    );
  });

  it('[P22] a leaf whose socket closes changes no plan', async () => {
    await star();
    expect(payloads(registry.disconnect('c4'), 'planPrepared')).toEqual([]);
  });

  it('[P22] a hub its leaves report down is replaced after the confirmation, then stays replaced', async () => {
    const [a, b] = await star();
    const reports = ['c2', 'c3', 'c4'].map((c) =>
      registry.reportLinks(c, [{ peer: a as string, state: 'disconnected' }]),
    );
    expect(reports.flatMap((r) => (r.ok ? payloads(r.effects, 'planPrepared') : []))).toEqual([]);
    clock.advance(LINK_DOWN_CONFIRM_MS - 1);
    expect(payloads(timerEffects, 'planPrepared')).toEqual([]);
    clock.advance(1);
    expect(hubOf(timerEffects)).toBe(b);
    expect(payloads<PeerInfo>(timerEffects, 'peerUpdated')).toContainEqual(
      expect.objectContaining({ id: a, connected: false }),
    );
    // One link back is enough: a leaf hears it again, so it is planned again as a member, and
    // the new hub keeps the role.
    const back = registry.reportLinks('c2', [{ peer: a as string, state: 'connected' }]);
    if (!back.ok) throw new Error(back.error);
    expect(payloads<PeerInfo>(back.effects, 'peerUpdated')).toContainEqual(
      expect.objectContaining({ id: a, connected: true }),
    );
    const plan = payloads<PeerPlan>(back.effects, 'planPrepared');
    expect(plan[0]?.hub).toBe(b);
  });

  it('[P22] a leaf that alone reports the hub down, while the other leaves hear it, routes nobody around', async () => {
    const [a] = await star();
    for (const c of ['c2', 'c3'])
      registry.reportLinks(c, [{ peer: a as string, state: 'connected' }]);
    registry.reportLinks('c4', [{ peer: a as string, state: 'disconnected' }]);
    clock.advance(LINK_DOWN_CONFIRM_MS * 4);
    expect(payloads(timerEffects, 'planPrepared')).toEqual([]);
    expect(payloads<PeerInfo>(timerEffects, 'peerUpdated')).toEqual([]);
    // Once the others lose it too, nobody vouches for it any more: it is routed around.
    for (const c of ['c2', 'c3']) {
      registry.reportLinks(c, [{ peer: a as string, state: 'disconnected' }]);
    }
    clock.advance(LINK_DOWN_CONFIRM_MS);
    expect(hubOf(timerEffects)).not.toBe(a);
    expect(hubOf(timerEffects)).toBeDefined();
  });

  it('[P22] a neighbour without a socket vouches for nobody', async () => {
    const [a] = await star();
    registry.reportLinks('c2', [{ peer: a as string, state: 'connected' }]);
    registry.disconnect('c2');
    registry.reportLinks('c3', [{ peer: a as string, state: 'disconnected' }]);
    registry.reportLinks('c4', [{ peer: a as string, state: 'disconnected' }]);
    clock.advance(LINK_DOWN_CONFIRM_MS);
    expect(hubOf(timerEffects)).toBeDefined();
    expect(hubOf(timerEffects)).not.toBe(a);
  });

  it('[P22] a link both ends report down points at neither end', async () => {
    const [a, b] = await star();
    registry.reportLinks('c2', [{ peer: a as string, state: 'disconnected' }]);
    registry.reportLinks('c1', [{ peer: b as string, state: 'disconnected' }]);
    clock.advance(LINK_DOWN_CONFIRM_MS * 4);
    expect(payloads(timerEffects, 'planPrepared')).toEqual([]);
  });

  it('[P22] a report that stops pointing within the confirmation routes nobody around', async () => {
    const [a] = await star();
    registry.reportLinks('c2', [{ peer: a as string, state: 'disconnected' }]);
    clock.advance(LINK_DOWN_CONFIRM_MS / 2);
    registry.reportLinks('c2', [{ peer: a as string, state: 'connected' }]);
    clock.advance(LINK_DOWN_CONFIRM_MS * 4);
    expect(payloads(timerEffects, 'planPrepared')).toEqual([]);
  });

  it('[P22] a ring relay whose socket closes is routed around; its resume plans it again', async () => {
    const joined = [];
    for (const c of CONNS) joined.push(await joinOk(registry, c));
    const set = registry.setTopology('c1', 'ring');
    if (!set.ok) throw new Error(set.error);
    readyAll(registry, CONNS, set.version);
    const [a, b, c, d] = joined.map((j) => j.peerId) as [string, string, string, string];
    const effects = registry.disconnect('c2');
    const forA = payloads<PeerPlan>(effects, 'planPrepared').find((p) => p.self === a);
    // The ring closes around the away b (a-c-d), which keeps its links to a and c.
    expect(forA?.receive.find((r) => r.origin === c)?.path).toEqual([c, a]);
    expect(forA?.receive.find((r) => r.origin === d)?.path).toEqual([d, a]);
    expect(forA?.links.map((l) => l.peer)).toContain(b);
    const joinedAt = joined[1]?.joinedAt as number;
    const back = await joinOk(registry, 'c2b', { resume: { peerId: b, joinedAt } });
    const forAgain = payloads<PeerPlan>(back.effects, 'planPrepared').find((p) => p.self === a);
    expect(forAgain?.receive.find((r) => r.origin === c)?.path).toEqual([c, b, a]);
  });
});
