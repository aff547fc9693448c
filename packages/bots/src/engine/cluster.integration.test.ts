// [E9] A room whose members sit on different signal nodes (child processes on one real Redis,
// behind a TCP balancer), with real bots on real WebRTC inside a loopback-only namespace.
import { until } from '@meshwork/kit';
import {
  type SignalNodeProcess,
  startRedis,
  startSignalNode,
  startTcpBalancer,
  type TcpBalancer,
  type TestRedis,
} from '@meshwork/signal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../Bot';
import {
  FLOWING_FRAMES,
  HUB_SECRET,
  MAX_FRAME_GAP_MS,
  RESUME_SECRET,
} from '../testing/engineSuite';
import { expectNoMixUps } from '../testing/expectNoMixUps';
import { BotRoom } from '../testing/room';

const log = (line: string) => console.info(`[engine] ${line}`);
const NODES = 3;
const LEASE_MS = 1_500;

let redis: TestRedis | undefined;
let nodes: SignalNodeProcess[] = [];
let balancer: TcpBalancer | undefined;
const rooms: BotRoom[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const env = {
    REDIS_URL: redis.url,
    CLUSTER_LEASE_MS: String(LEASE_MS),
    RESUME_SECRET,
    HUB_SECRET,
    // Every bot connects from 127.0.0.1: the per-address limits are for one abuser's address.
    MAX_CONNECTIONS_PER_IP: '1000',
    JOINS_PER_IP_PER_MINUTE: '10000',
  };
  nodes = await Promise.all(Array.from({ length: NODES }, () => startSignalNode(env)));
  balancer = await startTcpBalancer(nodes.map((n) => n.port));
}, 180_000);

afterAll(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.close()));
  await balancer?.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis?.stop();
}, 180_000);

/** Joins the nodes refused with ERR_CLUSTER_UNAVAILABLE, from their /metrics. */
async function refusedUnavailable(list: readonly SignalNodeProcess[]): Promise<number> {
  let n = 0;
  for (const node of list) {
    const text = await fetch(`${node.url}/metrics`).then(
      (res) => res.text(),
      () => '',
    );
    const match = /meshwork_rejects_total\{code="ERR_CLUSTER_UNAVAILABLE"\} (\d+)/.exec(text);
    n += Number(match?.[1] ?? 0);
  }
  return n;
}

/** Peer connections the bots created since `before` (same order). */
const created = (bots: readonly Bot[], before: readonly number[]) =>
  bots.reduce((n, b, i) => n + b.peerConnectionsCreated - (before[i] ?? 0), 0);

describe('[E9] several signal nodes', () => {
  it('[E9] members on three nodes switch topology and chat; a SIGKILLed node and a Redis restart cost no peer connection and no frame gap; a join during an outage waits for Redis; the room still switches live after the takeover', async () => {
    if (!balancer || !redis) throw new Error('no cluster');
    const room = new BotRoom(balancer.url, 'cluster');
    rooms.push(room);
    await room.add(3);
    // The balancer spread the three sockets over the three nodes.
    expect([...balancer.active().values()].filter((n) => n > 0)).toHaveLength(NODES);
    // Media flows between members whose signalling sits on different nodes.
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    // Live switches asked on different nodes, with relays, and chat over the data plane.
    await room.bots[2]?.session.setTopology('ring');
    await room.settled('ring');
    await room.flowing('ring', FLOWING_FRAMES);
    await room.bots[1]?.session.setTopology('star');
    await room.settled('star');
    await room.flowing('star', FLOWING_FRAMES);
    await room.bots[0]?.session.sendChat('hello across nodes');
    await Promise.all(
      room.bots
        .slice(1)
        .map((b) =>
          b.waitFor((x) => x.chats.some((c) => c.text === 'hello across nodes'), { what: 'chat' }),
        ),
    );
    await room.bots[0]?.session.setTopology('mesh');
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);

    const ids = room.bots.map((b) => b.id);
    const before = room.bots.map((b) => b.peerConnectionsCreated);
    const versionBefore = room.bots[0]?.committedPlanVersion ?? 0;
    const healths = await Promise.all(nodes.map((n) => n.health()));
    const ownerIndex = healths.findIndex((h) => h.cluster?.ownedRooms === 1);
    const owner = nodes[ownerIndex];
    if (!owner) throw new Error('no node owns the room');
    room.resetGaps();
    const t0 = Date.now();
    await owner.kill();
    nodes = nodes.filter((n) => n !== owner);
    // Every bot is dropped (by the kill, or by its node once the lease lapsed) and resumes.
    await Promise.all(
      room.bots.map((b) =>
        b.waitFor((x) => x.session.status !== 'joined', {
          what: 'the room to move',
          timeoutMs: 30_000,
        }),
      ),
    );
    await Promise.all(
      room.bots.map((b) =>
        b.waitFor((x) => x.session.status === 'joined', { what: 'resumed', timeoutMs: 60_000 }),
      ),
    );
    const moved = Date.now() - t0;
    expect(room.bots.map((b) => b.id)).toEqual(ids);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    await room.linksMatchPlan();
    const killGap = room.longestGap();
    const killRebuilt = created(room.bots, before);
    const versionAfter = room.bots[0]?.committedPlanVersion ?? 0;
    log(
      `node SIGKILL: all ${room.bots.length} bots resumed ${moved} ms after the kill on the other nodes; ` +
        `${killRebuilt} peer connections rebuilt; longest frame gap ${killGap.ms} ms; plan version ${versionBefore} -> ${versionAfter}`,
    );
    expect(killRebuilt).toBe(0);
    expect(killGap.ms, 'longest frame gap across the node loss').toBeLessThan(MAX_FRAME_GAP_MS);
    expect(versionAfter).toBeGreaterThan(versionBefore);

    // Redis restarts empty: the nodes reconnect, the owner takes its lease back, the room goes on.
    room.resetGaps();
    const beforeRedis = room.bots.map((b) => b.peerConnectionsCreated);
    const t1 = Date.now();
    await redis.restart();
    const restarted = Date.now() - t1;
    for (const n of nodes) {
      await until(
        () =>
          n.health().then(
            (h) => h.status === 'ok',
            () => false,
          ),
        {
          what: 'a node healthy again after the Redis restart',
          timeoutMs: 30_000,
          intervalMs: 100,
        },
      );
    }
    await room.flowing('mesh', FLOWING_FRAMES);
    const redisGap = room.longestGap();
    const redisRebuilt = created(room.bots, beforeRedis);
    log(
      `Redis restart (${restarted} ms down): ${redisRebuilt} peer connections rebuilt; ` +
        `longest frame gap ${redisGap.ms} ms; ${room.describeLinks()}`,
    );
    expect(room.bots.map((b) => b.id)).toEqual(ids);
    expect(redisRebuilt).toBe(0);
    expect(redisGap.ms, 'longest frame gap across the Redis restart').toBeLessThan(
      MAX_FRAME_GAP_MS,
    );

    // While Redis is away a newcomer is refused ERR_CLUSTER_UNAVAILABLE and keeps retrying; once
    // Redis is back it gets in, and the room of four runs a real ring.
    await redis.stop();
    const adding = room.add(1);
    await until(() => refusedUnavailable(nodes).then((n) => n > 0), {
      what: 'a join refused with ERR_CLUSTER_UNAVAILABLE',
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    await redis.restart();
    await adding;
    expect(room.bots).toHaveLength(4);
    await room.settled('mesh');
    await room.flowing('mesh', FLOWING_FRAMES);
    expect(room.bots.slice(0, 3).map((b) => b.id)).toEqual(ids);

    log(`after an outage: a fourth bot joined once Redis was back; ${room.describeLinks()}`);
    // The room the other nodes took over still switches live, over links older than the takeover.
    await room.bots[3]?.session.setTopology('ring');
    await room.settled('ring');
    await room.flowing('ring', FLOWING_FRAMES);
    await room.bots[1]?.session.setTopology('star');
    await room.settled('star');
    await room.flowing('star', FLOWING_FRAMES);
    expectNoMixUps(room);
  }, 240_000);
});
