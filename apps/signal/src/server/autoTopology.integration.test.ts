// [P28] Automatic topology with real socket.io clients against the real signal app.
import { FakeClock } from '@meshwork/kit';
import {
  LIMIT_PERSIST_MS,
  MESH_DOWN_PEERS,
  MIN_DWELL_MS,
  STAR_UP_PEERS,
} from '@meshwork/mesh/plan';
import type { PeerPlan, RoomSettings } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { joinOk, type Peer, type TestServer, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

/** A room of `n` sockets joined in order; every plan is confirmed as it arrives. */
async function room(s: TestServer, id: string, n: number) {
  const peers: Peer[] = [];
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await peer(s);
    confirmPlans(p);
    const res = await joinOk(p, id, { displayName: `P${i}` });
    await p.socket.emitWithAck('planReady', { version: res.plan.version });
    peers.push(p);
    ids.push(res.selfId);
  }
  return { peers, ids };
}

function confirmPlans(p: Peer): void {
  p.socket.on('planPrepared', (plan) => {
    p.socket.emit('planReady', { version: plan.version }, () => {});
  });
}

const lastSettings = (p: Peer) => p.events.all<RoomSettings>('settingsChanged').at(-1);
const lastPlan = (p: Peer) => p.events.all<PeerPlan>('planPrepared').at(-1);

describe('[P28] automatic topology over Socket.IO', () => {
  it('[P28] a new room is automatic; it runs mesh until it reaches the threshold, then star, and says why', async () => {
    const s = await server();
    const first = await peer(s);
    confirmPlans(first);
    const a = await joinOk(first, 'grow');
    expect(a.room.settings.topology).toBe('auto');
    expect(a.room.settings.auto).toEqual({
      topology: 'mesh',
      reason: 'small',
      limitedPeer: null,
      limit: null,
      hub: null,
    });
    const others: Peer[] = [];
    for (let n = 2; n < STAR_UP_PEERS; n++) {
      const p = await peer(s);
      confirmPlans(p);
      const res = await joinOk(p, 'grow');
      others.push(p);
      expect(res.plan.topology).toBe('mesh');
      expect(res.room.settings.auto?.topology).toBe('mesh');
    }
    // Nobody was told of a change of topology before the threshold.
    expect(first.events.all<RoomSettings>('settingsChanged')).toEqual([]);
    const last = await peer(s);
    const res = await joinOk(last, 'grow');
    expect(res.plan.topology).toBe('star');
    expect(res.plan.hub).toBe(a.selfId);
    expect(res.room.settings.auto).toMatchObject({
      topology: 'star',
      reason: 'large',
      hub: 'peer',
    });
    for (const p of [first, ...others]) {
      const settings = await p.events.waitFor<RoomSettings>(
        'settingsChanged',
        (x) => x.auto?.topology === 'star',
      );
      expect(settings).toMatchObject({ topology: 'auto', auto: { reason: 'large' } });
      await p.events.waitFor<PeerPlan>('planPrepared', (x) => x.topology === 'star');
    }
  });

  it('[P28] a cpu limitation switches to star only after it has lasted, and the reason names the peer', async () => {
    const clock = new FakeClock(Date.now());
    const s = await server({ clock });
    const { peers, ids } = await room(s, 'limits', 3);
    const [p0, p1] = peers as [Peer, Peer, Peer];
    expect(await p1.socket.emitWithAck('updatePeer', { capacity: { limitation: 'cpu' } })).toEqual({
      ok: true,
    });
    clock.advance(LIMIT_PERSIST_MS - 1);
    expect(lastSettings(p0)).toBeUndefined();
    expect(lastPlan(p0)?.topology ?? 'mesh').toBe('mesh');
    clock.advance(1);
    const settings = await p0.events.waitFor<RoomSettings>(
      'settingsChanged',
      (x) => x.auto?.topology === 'star',
    );
    expect(settings.auto).toEqual({
      topology: 'star',
      reason: 'limited',
      limitedPeer: ids[1],
      limit: 'cpu',
      hub: 'peer',
    });
    const plan = await p0.events.waitFor<PeerPlan>('planPrepared', (x) => x.topology === 'star');
    // The limited peer is passed over as hub.
    expect(plan.hub).toBe(ids[0]);
    // The limitation ends: the star holds for the persistence time and the minimum dwell.
    await p1.socket.emitWithAck('updatePeer', { capacity: {} });
    clock.advance(LIMIT_PERSIST_MS);
    expect(lastSettings(p0)?.auto?.topology).toBe('star');
    clock.advance(MIN_DWELL_MS);
    const back = await p0.events.waitFor<RoomSettings>(
      'settingsChanged',
      (x) => x.auto?.topology === 'mesh',
    );
    expect(back.auto?.reason).toBe('small');
    await p0.events.waitFor<PeerPlan>('planPrepared', (x) => x.topology === 'mesh');
  });

  it('[P28] a limitation shorter than the persistence time changes nothing', async () => {
    const clock = new FakeClock(Date.now());
    const s = await server({ clock });
    const { peers } = await room(s, 'flicker', 3);
    const [p0, p1] = peers as [Peer, Peer, Peer];
    for (let i = 0; i < 5; i++) {
      await p1.socket.emitWithAck('updatePeer', { capacity: { limitation: 'bandwidth' } });
      clock.advance(LIMIT_PERSIST_MS / 2);
      await p1.socket.emitWithAck('updatePeer', { capacity: {} });
      clock.advance(LIMIT_PERSIST_MS / 2);
    }
    clock.advance(MIN_DWELL_MS);
    // A round trip orders this check after anything the server sent.
    await p0.socket.emitWithAck('updatePeer', { capacity: {} });
    expect(p0.events.all<RoomSettings>('settingsChanged')).toEqual([]);
    expect(p0.events.all<PeerPlan>('planPrepared').every((x) => x.topology === 'mesh')).toBe(true);
  });

  it('[P28] a limitation that is not one of the known values is refused and changes nothing', async () => {
    const s = await server();
    const { peers } = await room(s, 'bad', 2);
    const [p0] = peers as [Peer, Peer];
    const res = await p0.socket.emitWithAck('updatePeer', {
      capacity: { limitation: 'gpu' as 'cpu' },
    });
    expect(res).toMatchObject({ ok: false, error: 'ERR_BAD_REQUEST' });
  });

  it('[P28] under the host policy only the host chooses Automatic; a fixed topology ignores limits', async () => {
    const clock = new FakeClock(Date.now());
    const s = await server({ clock });
    const { peers } = await room(s, 'policy', 3);
    const [host, other, third] = peers as [Peer, Peer, Peer];
    expect(await host.socket.emitWithAck('updateRoom', { controlPolicy: 'host' })).toEqual({
      ok: true,
    });
    expect(await host.socket.emitWithAck('setTopology', { topology: 'mesh' })).toMatchObject({
      ok: true,
    });
    const fixed = await other.events.waitFor<RoomSettings>(
      'settingsChanged',
      (x) => x.topology === 'mesh',
    );
    expect(fixed.auto).toBeUndefined();
    expect(await other.socket.emitWithAck('setTopology', { topology: 'auto' })).toMatchObject({
      ok: false,
      error: 'ERR_NOT_HOST',
    });
    await third.socket.emitWithAck('updatePeer', { capacity: { limitation: 'cpu' } });
    clock.advance(LIMIT_PERSIST_MS + MIN_DWELL_MS);
    await other.socket.emitWithAck('updatePeer', { capacity: {} });
    expect(lastSettings(other)?.topology).toBe('mesh');
    // Back to Automatic: the limitation counts from then on, and once it has lasted, star.
    expect(await host.socket.emitWithAck('setTopology', { topology: 'auto' })).toMatchObject({
      ok: true,
    });
    const auto = await other.events.waitFor<RoomSettings>(
      'settingsChanged',
      (x) => x.topology === 'auto',
    );
    expect(auto.auto).toMatchObject({ topology: 'mesh', reason: 'small' });
    clock.advance(LIMIT_PERSIST_MS);
    const star = await other.events.waitFor<RoomSettings>(
      'settingsChanged',
      (x) => x.auto?.topology === 'star',
    );
    expect(star.auto).toMatchObject({ reason: 'limited', limit: 'cpu' });
    await other.events.waitFor<PeerPlan>('planPrepared', (x) => x.topology === 'star');
  });

  it('[P28] a star of a shrinking room goes back to mesh at the down threshold, not before', async () => {
    const clock = new FakeClock(Date.now());
    const s = await server({ clock });
    const { peers } = await room(s, 'shrink', STAR_UP_PEERS);
    const first = peers[0] as Peer;
    await first.events.waitFor<PeerPlan>('planPrepared', (x) => x.topology === 'star');
    clock.advance(MIN_DWELL_MS);
    for (let n = STAR_UP_PEERS; n > MESH_DOWN_PEERS; n--) {
      const leaving = peers.pop() as Peer;
      const before = lastPlan(first)?.version ?? 0;
      await leaving.socket.emitWithAck('leave');
      const plan = await first.events.waitFor<PeerPlan>(
        'planPrepared',
        (x) => x.version > before && x.order.length === n - 1,
      );
      expect(plan.topology).toBe(n - 1 <= MESH_DOWN_PEERS ? 'mesh' : 'star');
    }
    expect(lastSettings(first)?.auto).toMatchObject({ topology: 'mesh', reason: 'small' });
  });
});
