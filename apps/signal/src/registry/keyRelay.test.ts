import type { E2eeKeyPeerMessage } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, registryFixture, TEST_PUBLIC_KEY } from '../testing/registryFixture';
import type { RoomRegistry } from './RoomRegistry';

let registry: RoomRegistry;

beforeEach(() => {
  ({ registry } = registryFixture());
});

const keyMessage = (from: string, to: string): E2eeKeyPeerMessage => ({
  t: 'e2ee-key',
  from,
  to,
  keyId: 0,
  dh: `B${'d'.repeat(86)}`,
  sig: 's'.repeat(86),
});

describe('RoomRegistry frame-key relay', () => {
  it('[P33] relays to any member of the room, linked by the plan or not, and stamps the sender', async () => {
    await joinOk(registry, 'c1');
    const b = await joinOk(registry, 'c2');
    const c = await joinOk(registry, 'c3');
    registry.setTopology('c1', 'star');
    const message = keyMessage(b.peerId, c.peerId);
    expect(registry.e2eeKey('c2', { to: c.peerId, message })).toEqual({
      ok: true,
      effects: [
        { type: 'emit', conn: 'c3', event: 'e2eeKeyRelayed', payload: { from: b.peerId, message } },
      ],
    });
  });

  it('[P33] refuses a forged sender, a misaddressed message, itself, strangers and sockets not joined', async () => {
    const a = await joinOk(registry, 'c1');
    const b = await joinOk(registry, 'c2');
    const other = await registry.join({
      publicKey: TEST_PUBLIC_KEY,
      conn: 'x1',
      roomId: 'elsewhere',
      displayName: 'x',
    });
    if (!other.ok) throw new Error('join failed');
    const refused = (conn: string, to: string, message: E2eeKeyPeerMessage, error: string) =>
      expect(registry.e2eeKey(conn, { to, message })).toEqual({ ok: false, error, effects: [] });
    refused('c1', b.peerId, keyMessage(other.peerId, b.peerId), 'ERR_BAD_REQUEST');
    refused('c1', b.peerId, keyMessage(a.peerId, other.peerId), 'ERR_BAD_REQUEST');
    refused('c1', a.peerId, keyMessage(a.peerId, a.peerId), 'ERR_UNKNOWN_PEER');
    refused('c1', other.peerId, keyMessage(a.peerId, other.peerId), 'ERR_UNKNOWN_PEER');
    refused('x1', b.peerId, keyMessage(other.peerId, b.peerId), 'ERR_UNKNOWN_PEER');
    refused('nobody', b.peerId, keyMessage(a.peerId, b.peerId), 'ERR_NOT_JOINED');
  });

  it('[P33] a member in its grace period misses the message, and the sender is not refused', async () => {
    const a = await joinOk(registry, 'c1');
    const b = await joinOk(registry, 'c2');
    registry.disconnect('c2');
    expect(
      registry.e2eeKey('c1', { to: b.peerId, message: keyMessage(a.peerId, b.peerId) }),
    ).toEqual({ ok: true, effects: [] });
  });
});
