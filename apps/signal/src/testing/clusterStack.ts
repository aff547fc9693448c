import { until } from '@meshwork/kit';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SignalServerDeps } from '../server/createSignalServer';
import { connect, type Peer, startServer, type TestServer } from './harness';
import { startRedis, type TestRedis } from './redisServer';

/** The resume secret every node of a test cluster shares. */
export const CLUSTER_SECRET = 'cluster-test-resume-secret-0123456789';
/** A short lease, so a dead node's rooms move within a test's patience. */
export const TEST_LEASE_MS = 1_500;
/** Bound of the waits on cluster state (Redis restarts, leases lapsing) on a loaded machine. */
export const CLUSTER_WAIT_MS = 20_000;

/** A Redis for the file and signal nodes on it for each test. */
export interface ClusterStack {
  redis(): TestRedis;
  /** Starts `n` nodes on the file's Redis, each ready for joins. */
  nodes(n: number, deps?: SignalServerDeps): Promise<TestServer[]>;
  /** A client connected to `node`, disconnected after the test. */
  peer(node: TestServer, options?: Parameters<typeof connect>[1]): Promise<Peer>;
}

/** Waits until `node` says Redis is reachable (or, with `up: false`, that it is not). */
export async function redisSeen(node: TestServer, up = true): Promise<void> {
  await until(() => (node.signal.cluster?.health().redis === 'up') === up, {
    what: `a node to see Redis ${up ? 'up' : 'down'}`,
    timeoutMs: CLUSTER_WAIT_MS,
    intervalMs: 20,
  });
}

/**
 * Registers the hooks of a cluster test file: one redis-server for the file (started with no
 * persistence, stopped after), nodes and clients closed after each test.
 */
export function useClusterStack(): ClusterStack {
  let redis: TestRedis | undefined;
  const servers: TestServer[] = [];
  const peers: Peer[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) p.socket.disconnect();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const current = () => {
    if (!redis) throw new Error('the cluster stack has no Redis outside its tests');
    return redis;
  };
  return {
    redis: current,
    async nodes(n, deps = {}) {
      const started: TestServer[] = [];
      for (let i = 0; i < n; i++) {
        const node = await startServer({
          ...deps,
          config: {
            resumeSecret: CLUSTER_SECRET,
            cluster: { redisUrl: current().url, leaseMs: TEST_LEASE_MS },
            ...deps.config,
          },
        });
        servers.push(node);
        started.push(node);
        await node.signal.ready;
      }
      return started;
    },
    async peer(node, options) {
      const p = await connect(node.url, options);
      peers.push(p);
      return p;
    },
  };
}
