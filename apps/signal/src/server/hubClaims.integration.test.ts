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

  it('[P24] a hub load from anyone but a verified hub is refused; a hub shows its load to the others without a new plan', async () => {
    const s = await server({ config: { hubSecret } });
    const hubLoad = { streams: 6, maxStreams: 400, cpuPercent: 12.5 };
    const a = await peer(s);
    expect(await join(a, 'hub-load', { capacity: { hubLoad } })).toMatchObject({
      ok: false,
      error: 'ERR_HUB_AUTH',
    });
    const ra = await joinOk(a, 'hub-load');
    expect(await a.socket.emitWithAck('updatePeer', { capacity: { hubLoad } })).toMatchObject({
      ok: false,
      error: 'ERR_HUB_AUTH',
    });
    const hub = await peer(s);
    const rh = await joinOk(hub, 'hub-load', {
      hubToken: hubSecret,
      capacity: { deviceClass: 'server' },
    });
    const seen = new Promise<{ id: string; capacity: unknown }>((resolve) =>
      a.socket.on('peerUpdated', (info: { id: string; capacity: unknown }) => resolve(info)),
    );
    const version = s.signal.registry.dump() as { version: number }[];
    expect(
      await hub.socket.emitWithAck('updatePeer', { capacity: { deviceClass: 'server', hubLoad } }),
    ).toMatchObject({ ok: true });
    expect(await seen).toMatchObject({
      id: rh.selfId,
      capacity: { deviceClass: 'server', hubLoad },
    });
    // The load is for people to see: the plan stays as it was.
    expect((s.signal.registry.dump() as { version: number }[])[0]?.version).toBe(
      version[0]?.version,
    );
    expect(ra.selfId).not.toBe(rh.selfId);
  });
});
