import { beforeEach, describe, expect, it } from 'vitest';
import {
  joinOk,
  readyAll as readyAllOf,
  registryFixture,
  TEST_PUBLIC_KEY,
} from '../testing/registryFixture';
import type { RoomRegistry } from './RoomRegistry';
import type { JoinInput } from './types';

let registry: RoomRegistry;

beforeEach(() => {
  ({ registry } = registryFixture());
});

const join = (conn: string, extra: Partial<JoinInput> = {}) => joinOk(registry, conn, extra);
const readyAll = (conns: string[], version: number) => readyAllOf(registry, conns, version);

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
    const other = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'x1',
      roomId: 'elsewhere',
      displayName: 'x',
    });
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
