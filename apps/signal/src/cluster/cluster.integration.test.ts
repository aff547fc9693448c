// [P23] Several signal nodes on one real Redis: rooms spread over nodes, leases, forwarding,
// trust rules across nodes, Redis going away and coming back.
import { until } from '@meshwork/kit';
import type { PeerPlan, RelayedSignal } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config';
import {
  CLUSTER_SECRET,
  CLUSTER_WAIT_MS,
  redisSeen,
  useClusterStack,
} from '../testing/clusterStack';
import { disconnected, join, joinOk, type Peer } from '../testing/harness';

const stack = useClusterStack();
const candidate = { type: 'candidate' as const, candidate: null };
const isVersion = (v: number) => (p: { version: number }) => p.version === v;

async function health(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Sends planReady for `version` from each peer, then waits for everyone's commit. */
async function commitAll(peers: Peer[], version: number): Promise<void> {
  for (const p of peers) {
    await p.socket.emitWithAck('planReady', { version });
  }
  await Promise.all(peers.map((p) => p.events.waitFor('planCommitted', isVersion(version))));
}

describe('[P23] several nodes on one Redis', { timeout: 60_000 }, () => {
  it('[P23] one room spread over three nodes: joins, plans, relay with `from` stamped, a live switch', async () => {
    const nodes = await stack.nodes(3);
    const [a, b, c] = await Promise.all(nodes.map((n) => stack.peer(n)));
    if (!a || !b || !c) throw new Error('three peers');
    const ra = await joinOk(a, 'spread', { displayName: 'Ana' });
    const rb = await joinOk(b, 'spread', { displayName: 'Bo' });
    const rc = await joinOk(c, 'spread', { displayName: 'Cy' });
    // One room, not three: every joiner sees the earlier ones, versions count up across nodes.
    expect(rc.room.peers.map((p) => p.displayName)).toEqual(['Ana', 'Bo', 'Cy']);
    expect([ra.plan.version, rb.plan.version, rc.plan.version]).toEqual([1, 2, 3]);
    await a.events.waitFor('peerJoined', (p: { id: string }) => p.id === rc.selfId);
    await b.events.waitFor('planPrepared', isVersion(3));
    // Exactly one node runs the room.
    const owned = nodes.map((n) => n.signal.cluster?.health().ownedRooms ?? 0);
    expect(owned.reduce((x, y) => x + y, 0)).toBe(1);

    // A signal from node 3 to node 1, with a forged `from`: stamped with the real sender.
    const epoch = rc.plan.links.find((l) => l.peer === ra.selfId)?.epoch ?? -1;
    const forged = { to: ra.selfId, epoch, signal: candidate, from: rb.selfId };
    expect(await c.socket.emitWithAck('signal', forged)).toEqual({ ok: true });
    expect(await a.events.waitFor<RelayedSignal>('signal')).toEqual({
      from: rc.selfId,
      epoch,
      signal: candidate,
    });

    // A switch asked on node 2 reaches everyone; it commits once every node's peer is ready.
    await commitAll([a, b, c], 3);
    const star = await b.socket.emitWithAck('setTopology', { topology: 'star' });
    expect(star).toEqual({ ok: true, version: 4 });
    const prepared = await Promise.all(
      [a, b, c].map((p) => p.events.waitFor<PeerPlan>('planPrepared', isVersion(4))),
    );
    expect(prepared.map((p) => p.topology)).toEqual(['star', 'star', 'star']);
    await commitAll([a, b, c], 4);
    const hub = await c.socket.emitWithAck('setHub', { hub: rc.selfId });
    expect(hub).toMatchObject({ ok: true });
    const hubPlan = await a.events.waitFor<PeerPlan>('planPrepared', (p) => p.hub === rc.selfId);
    expect(hubPlan.links.map((l) => l.peer)).toEqual([rc.selfId]);
    // Name changes and leaves cross nodes too.
    expect(await a.socket.emitWithAck('updatePeer', { displayName: 'Ana M' })).toEqual({
      ok: true,
    });
    await c.events.waitFor(
      'peerUpdated',
      (p: { displayName?: string }) => p.displayName === 'Ana M',
    );
    expect(await b.socket.emitWithAck('leave')).toEqual({ ok: true });
    await a.events.waitFor('peerLeft', (p: { peerId: string }) => p.peerId === rb.selfId);
    await c.events.waitFor('peerLeft', (p: { peerId: string }) => p.peerId === rb.selfId);

    const h = await health(nodes[1]?.url ?? '');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', cluster: { redis: 'up' } });
    const forwards = await nodes[1]?.signal.metrics.forwarded.get();
    const owner = nodes.findIndex((n) => (n.signal.cluster?.health().ownedRooms ?? 0) === 1);
    if (owner !== 1) expect(forwards?.values.length).toBeGreaterThan(0);
  });

  it('[P23][P4] trust across nodes: no signal to an unlinked peer on another node, nor into another room', async () => {
    const nodes = await stack.nodes(2);
    const [n1, n2] = nodes;
    if (!n1 || !n2) throw new Error('two nodes');
    const hub = await stack.peer(n1);
    const leaf1 = await stack.peer(n2);
    const leaf2 = await stack.peer(n1);
    const outsider = await stack.peer(n2);
    const rh = await joinOk(hub, 'trust');
    const r1 = await joinOk(leaf1, 'trust');
    const r2 = await joinOk(leaf2, 'trust');
    const ro = await joinOk(outsider, 'elsewhere');
    await commitAll([hub, leaf1, leaf2], 3);
    await hub.socket.emitWithAck('setTopology', { topology: 'star' });
    await Promise.all(
      [hub, leaf1, leaf2].map((p) => p.events.waitFor('planPrepared', isVersion(4))),
    );
    await commitAll([hub, leaf1, leaf2], 4);
    const notLinked = { ok: false, error: 'ERR_NOT_LINKED' };
    // Leaf on node 2 to leaf on node 1: the star does not link them.
    expect(
      await leaf1.socket.emitWithAck('signal', { to: r2.selfId, epoch: 3, signal: candidate }),
    ).toMatchObject(notLinked);
    // A peer of another room (run by whichever node) cannot reach this room's peers.
    expect(
      await outsider.socket.emitWithAck('signal', { to: r2.selfId, epoch: 3, signal: candidate }),
    ).toMatchObject(notLinked);
    expect(
      await leaf1.socket.emitWithAck('signal', { to: ro.selfId, epoch: 1, signal: candidate }),
    ).toMatchObject(notLinked);
    // The hub's signal, with a forged sender, arrives stamped and first.
    const epoch = r2.plan.links.find((l) => l.peer === rh.selfId)?.epoch ?? -1;
    await hub.socket.emitWithAck('signal', {
      to: r2.selfId,
      epoch,
      signal: candidate,
      from: r1.selfId,
    } as never);
    await leaf2.events.waitFor('signal');
    expect(leaf2.events.all<RelayedSignal>('signal').map((s) => s.from)).toEqual([rh.selfId]);
    expect(outsider.events.all('signal')).toEqual([]);
    // Host-only rules hold for a host on another node than the room's owner.
    expect(await leaf1.socket.emitWithAck('removePeer', { peer: r2.selfId })).toMatchObject({
      ok: false,
      error: 'ERR_NOT_HOST',
    });
    expect(await hub.socket.emitWithAck('removePeer', { peer: r1.selfId })).toEqual({ ok: true });
    expect(await leaf1.events.waitFor('serverError')).toMatchObject({ error: 'ERR_REMOVED' });
    await disconnected(leaf1);
  });

  it('[P23][P9] a peer whose socket dropped resumes through another node, at the same owner', async () => {
    const [n1, n2, n3] = await stack.nodes(3);
    if (!n1 || !n2 || !n3) throw new Error('three nodes');
    const a = await stack.peer(n1);
    const ra = await joinOk(a, 'blip');
    const b = await stack.peer(n2);
    const rb = await joinOk(b, 'blip');
    b.socket.disconnect();
    await a.events.waitFor(
      'peerUpdated',
      (p: { id: string; connected: boolean }) => p.id === rb.selfId && !p.connected,
    );
    const again = await stack.peer(n3);
    const back = await joinOk(again, 'blip', { resumeToken: rb.resumeToken });
    expect(back).toMatchObject({ resumed: true, selfId: rb.selfId });
    expect(back.room.peers.map((p) => p.id)).toEqual([ra.selfId, rb.selfId]);
    // Still the first node's room: nothing moved.
    expect(n1.signal.cluster?.health().ownedRooms).toBe(1);
    expect(n3.signal.cluster?.health().ownedRooms).toBe(0);
    const epoch = back.plan.links.find((l) => l.peer === ra.selfId)?.epoch ?? -1;
    expect(
      await again.socket.emitWithAck('signal', { to: ra.selfId, epoch, signal: candidate }),
    ).toEqual({ ok: true });
    expect(await a.events.waitFor<RelayedSignal>('signal')).toMatchObject({ from: rb.selfId });
  });

  it('[P23] a node that stops loses no room: its peers resume on another node with the same id and a higher version', async () => {
    const [n1, n2] = await stack.nodes(2);
    if (!n1 || !n2) throw new Error('two nodes');
    const a = await stack.peer(n1);
    const ra = await joinOk(a, 'moving');
    const b = await stack.peer(n2);
    const rb = await joinOk(b, 'moving');
    expect(n1.signal.cluster?.health().ownedRooms).toBe(1);
    const lastVersion = rb.plan.version;
    await n1.close();
    // The peer on the surviving node is dropped once the lease lapses, to resume at the new owner.
    const reason = await disconnected(b);
    expect(reason).toBe('io server disconnect');
    // The one link, as both ends remember it (the second joiner's ack carries its epoch).
    const epoch = rb.plan.links.find((l) => l.peer === ra.selfId)?.epoch ?? 0;
    const hints = (peer: string) => ({
      planVersion: rb.plan.version,
      planProof: rb.plan.proof,
      topology: 'mesh' as const,
      hubPreference: null,
      links: [{ peer, epoch }],
    });
    const b2 = await stack.peer(n2);
    const back = await joinOk(b2, 'moving', {
      resumeToken: rb.resumeToken,
      resume: hints(ra.selfId),
    });
    const a2 = await stack.peer(n2);
    const backA = await joinOk(a2, 'moving', {
      resumeToken: ra.resumeToken,
      resume: hints(rb.selfId),
    });
    expect(back).toMatchObject({ resumed: true, selfId: rb.selfId });
    expect(backA).toMatchObject({ resumed: true, selfId: ra.selfId });
    // Versions never count backwards across owners (Redis holds the last one).
    expect(back.plan.version).toBeGreaterThan(lastVersion);
    expect(backA.plan.version).toBeGreaterThan(back.plan.version);
    // The link keeps its life: same epoch, so nothing renegotiates.
    expect(backA.plan.links.map((l) => [l.peer, l.epoch])).toEqual([[rb.selfId, epoch]]);
    expect(n2.signal.cluster?.health().ownedRooms).toBe(1);
  });

  it('[P23] a node whose RESUME_SECRET differs from the cluster’s refuses to start', async () => {
    await stack.nodes(1);
    const [odd] = await stack.nodes(0);
    expect(odd).toBeUndefined();
    const wrong = stack.nodes(1, { config: { resumeSecret: `${CLUSTER_SECRET}-other` } });
    await expect(wrong).rejects.toBeInstanceOf(ConfigError);
    await expect(wrong).rejects.toThrow(/RESUME_SECRET and HUB_SECRET must be the same/);
  });

  it('[P23] without Redis a node refuses joins with ERR_CLUSTER_UNAVAILABLE and says so; when Redis is back, rooms go on', async () => {
    const [n1, n2] = await stack.nodes(2);
    if (!n1 || !n2) throw new Error('two nodes');
    const a = await stack.peer(n1);
    const b = await stack.peer(n2);
    const ra = await joinOk(a, 'outage');
    const rb = await joinOk(b, 'outage');

    await stack.redis().stop();
    await redisSeen(n1, false);
    await redisSeen(n2, false);
    const h = await health(n2.url);
    expect(h.status).toBe(503);
    expect(h.body).toMatchObject({ status: 'degraded', cluster: { redis: 'down' } });
    const metrics = await n2.signal.metrics.registry.getSingleMetricAsString('meshwork_redis_up');
    expect(metrics).toMatch(/^meshwork_redis_up 0$/m);
    const late = await stack.peer(n2);
    expect(await join(late, 'outage')).toMatchObject({
      ok: false,
      error: 'ERR_CLUSTER_UNAVAILABLE',
    });
    expect(await join(late, 'another-room')).toMatchObject({
      ok: false,
      error: 'ERR_CLUSTER_UNAVAILABLE',
    });

    // A fresh, empty Redis on the same port: owners take their leases back, peers stay.
    await stack.redis().restart();
    await redisSeen(n1);
    await redisSeen(n2);
    await until(async () => (await health(n2.url)).status === 200, {
      what: 'the node to say it is healthy again',
      timeoutMs: CLUSTER_WAIT_MS,
      intervalMs: 50,
    });
    const epoch = rb.plan.links.find((l) => l.peer === ra.selfId)?.epoch ?? -1;
    await until(
      async () =>
        (await b.socket.emitWithAck('signal', { to: ra.selfId, epoch, signal: candidate })).ok,
      { what: 'relay across nodes after the restart', timeoutMs: CLUSTER_WAIT_MS, intervalMs: 100 },
    );
    await a.events.waitFor<RelayedSignal>('signal', (s) => s.from === rb.selfId);
    // The room takes newcomers again, on the node that does not run it: the same room (its
    // owner took the lease back before anyone else could), and nobody was dropped.
    const rc = await joinOk(late, 'outage');
    expect(rc.room.peers.map((p) => p.id)).toEqual([ra.selfId, rb.selfId, rc.selfId]);
    expect(rc.plan.version).toBeGreaterThan(rb.plan.version);
    expect(a.socket.connected && b.socket.connected).toBe(true);
    expect(a.events.all('serverError').concat(b.events.all('serverError'))).toEqual([]);
  });
});
