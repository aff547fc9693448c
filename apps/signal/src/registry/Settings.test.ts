import type { PeerInfo } from '@meshwork/protocol';
import { beforeEach, describe, expect, it } from 'vitest';
import { joinOk, payloads, registryFixture, to } from '../testing/registryFixture';
import type { RoomRegistry } from './RoomRegistry';

let registry: RoomRegistry;

beforeEach(() => {
  ({ registry } = registryFixture());
});

describe('RoomRegistry peer updates', () => {
  it('tells the others of a real change to name, media or capacity, and of nothing else', async () => {
    await joinOk(registry, 'c1', { media: { audio: true, video: false, screen: false } });
    const b = await joinOk(registry, 'c2');
    const update = (u: Parameters<RoomRegistry['updatePeer']>[1]) =>
      payloads<PeerInfo>(registry.updatePeer('c1', u).effects, 'peerUpdated');
    expect(update({ displayName: 'c1', media: { audio: true }, capacity: {} })).toEqual([]);
    expect(update({ media: { video: undefined } })).toEqual([]);
    const [renamed] = update({ displayName: 'Ada' });
    expect(renamed).toMatchObject({ displayName: 'Ada', media: { audio: true, video: false } });
    expect(update({ media: { video: true } })).toEqual([
      expect.objectContaining({ media: { audio: true, video: true, screen: false } }),
    ]);
    expect(update({ capacity: { uplinkKbps: 900 } })).toHaveLength(1);
    expect(update({ capacity: { uplinkKbps: 900 } })).toEqual([]);
    expect(update({ capacity: {} })).toEqual([expect.objectContaining({ capacity: {} })]);
    // The sender is not told of its own update.
    expect(to(registry.updatePeer('c1', { displayName: 'Bo' }).effects, 'c1')).toEqual([]);
    expect(registry.updatePeer('x', {})).toMatchObject({ ok: false, error: 'ERR_NOT_JOINED' });
    expect(b.peerId).not.toBe(renamed?.id);
  });
});
