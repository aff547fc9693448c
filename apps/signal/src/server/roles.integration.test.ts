// [P15] Roles with real socket.io clients against the real signal app.
import type { PeerLeftEvent, RoomSettings } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { disconnected, join, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

describe('[P15] host-only requests', () => {
  it('[P15] a member who is not host gets ERR_NOT_HOST for every host request, and nothing changes', async () => {
    const s = await server();
    const host = await peer(s);
    const other = await peer(s);
    const h = await joinOk(host, 'roles');
    const o = await joinOk(other, 'roles');
    expect(o.room.settings.hostId).toBe(h.selfId);
    const refused = await Promise.all([
      other.socket.emitWithAck('updateRoom', { locked: true, controlPolicy: 'host' }),
      other.socket.emitWithAck('removePeer', { peer: h.selfId }),
      other.socket.emitWithAck('transferHost', { peer: o.selfId }),
    ]);
    expect(refused.map((r) => !r.ok && r.error)).toEqual([
      'ERR_NOT_HOST',
      'ERR_NOT_HOST',
      'ERR_NOT_HOST',
    ]);
    const [room] = s.signal.registry.dump() as { settings: RoomSettings; peers: unknown[] }[];
    expect(room?.settings).toMatchObject({
      hostId: h.selfId,
      locked: false,
      controlPolicy: 'everyone',
    });
    expect(room?.peers).toHaveLength(2);
    expect(host.events.all('settingsChanged')).toEqual([]);
  });

  it('[P15] under the host policy a member cannot steer the topology; the host can hand the role on', async () => {
    const s = await server();
    const host = await peer(s);
    const other = await peer(s);
    await joinOk(host, 'policy');
    const o = await joinOk(other, 'policy');
    expect(await host.socket.emitWithAck('updateRoom', { controlPolicy: 'host' })).toEqual({
      ok: true,
    });
    await other.events.waitFor<RoomSettings>('settingsChanged', (x) => x.controlPolicy === 'host');
    expect(await other.socket.emitWithAck('setTopology', { topology: 'star' })).toMatchObject({
      ok: false,
      error: 'ERR_NOT_HOST',
    });
    expect(await other.socket.emitWithAck('setHub', { hub: o.selfId })).toMatchObject({
      error: 'ERR_NOT_HOST',
    });
    expect(await host.socket.emitWithAck('transferHost', { peer: o.selfId })).toEqual({ ok: true });
    await other.events.waitFor<RoomSettings>('settingsChanged', (x) => x.hostId === o.selfId);
    expect(await other.socket.emitWithAck('setTopology', { topology: 'star' })).toMatchObject({
      ok: true,
    });
    expect(await host.socket.emitWithAck('setTopology', { topology: 'ring' })).toMatchObject({
      error: 'ERR_NOT_HOST',
    });
  });

  it('[P15] a removed peer gets ERR_REMOVED and is disconnected; the others see it leave as kicked', async () => {
    const s = await server();
    const host = await peer(s);
    const victim = await peer(s);
    await joinOk(host, 'kick');
    const v = await joinOk(victim, 'kick');
    const gone = disconnected(victim);
    expect(await host.socket.emitWithAck('removePeer', { peer: v.selfId })).toEqual({ ok: true });
    expect(await victim.events.waitFor('serverError')).toMatchObject({ error: 'ERR_REMOVED' });
    await gone;
    expect(await host.events.waitFor<PeerLeftEvent>('peerLeft')).toEqual({
      peerId: v.selfId,
      reason: 'kicked',
    });
    // Its token no longer restores the id: it may come back only as someone new.
    const back = await peer(s);
    const again = await joinOk(back, 'kick', { resumeToken: v.resumeToken });
    expect(again.resumed).toBe(false);
    expect(again.selfId).not.toBe(v.selfId);
  });

  it('[P15] a locked room refuses a newcomer with ERR_ROOM_LOCKED; a member still resumes', async () => {
    const s = await server({ config: { resumeGraceMs: 60_000 } });
    const host = await peer(s);
    const member = await peer(s);
    await joinOk(host, 'lock');
    const m = await joinOk(member, 'lock');
    expect(await host.socket.emitWithAck('updateRoom', { locked: true })).toEqual({ ok: true });
    expect(await join(await peer(s), 'lock')).toMatchObject({
      ok: false,
      error: 'ERR_ROOM_LOCKED',
    });
    member.socket.disconnect();
    await host.events.waitFor<{ connected: boolean }>('peerUpdated', (p) => !p.connected);
    const back = await peer(s);
    const again = await joinOk(back, 'lock', { resumeToken: m.resumeToken });
    expect(again).toMatchObject({ resumed: true, selfId: m.selfId });
  });

  it('[P11] names made only of fillers are refused at join and in updatePeer', async () => {
    const s = await server();
    const a = await peer(s);
    expect(await join(a, 'names', { displayName: '\u3164\u3164\u3164' })).toMatchObject({
      error: 'ERR_INVALID_DISPLAY_NAME',
    });
    await joinOk(a, 'names');
    expect(await a.socket.emitWithAck('updatePeer', { displayName: '\u3164' })).toMatchObject({
      error: 'ERR_INVALID_DISPLAY_NAME',
    });
  });
});
