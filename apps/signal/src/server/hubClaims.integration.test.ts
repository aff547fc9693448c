// [P17] Hub claims with real socket.io clients against the real signal app.
import { describe, expect, it } from 'vitest';
import { join, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();
const hubSecret = 'media-hub-secret-0123456789';

describe('[P17] hub claims', () => {
  it('[P17] a server claim without the hub token is refused at join and in updatePeer, changing nothing', async () => {
    const s = await server({ config: { hubSecret } });
    const claim = { capacity: { deviceClass: 'server' as const, uplinkKbps: 1e7 } };
    const a = await peer(s);
    expect(await join(a, 'hub-claims', claim)).toMatchObject({ ok: false, error: 'ERR_HUB_AUTH' });
    expect(s.signal.registry.stats()).toEqual({ rooms: 0, peers: 0, connectedPeers: 0 });
    await joinOk(a, 'hub-claims');
    expect(await a.socket.emitWithAck('updatePeer', claim)).toMatchObject({
      error: 'ERR_HUB_AUTH',
    });
    const [room] = s.signal.registry.dump() as { peers: { capacity: object }[] }[];
    expect(room?.peers[0]?.capacity).toEqual({});
  });

  it('[P17] a newcomer claiming a huge uplink does not become hub; a media hub with the token does', async () => {
    const s = await server({ config: { hubSecret } });
    const first = await peer(s);
    const f = await joinOk(first, 'star-room');
    expect(await first.socket.emitWithAck('setTopology', { topology: 'star' })).toMatchObject({
      ok: true,
    });
    const greedy = await joinOk(await peer(s), 'star-room', {
      capacity: { uplinkKbps: 1e7, deviceClass: 'desktop' },
    });
    expect(greedy.plan.hub).toBe(f.selfId);
    const hub = await joinOk(await peer(s), 'star-room', {
      hubToken: hubSecret,
      capacity: { deviceClass: 'server', uplinkKbps: 1e6 },
    });
    expect(hub.plan.hub).toBe(hub.selfId);
  });
});
