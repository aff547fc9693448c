import { ERROR_CODES, type ErrorCode } from '@meshwork/protocol';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ClusterHealth } from '../cluster/ClusterHealth';
import type { RegistryStats } from '../registry/Directory';

/** Join-ack latency buckets in ms, from sub-millisecond (an idle server) to a second. */
export const JOIN_LATENCY_BUCKETS_MS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000];

/** The signal app's Prometheus metrics, in a registry of their own. */
export interface SignalMetrics {
  registry: Registry;
  signalsRelayed: Counter;
  rejects: Counter<'code'>;
  joinLatencyMs: Histogram;
  planVersions: Counter;
  /** Requests this node forwarded to the node running their room, by registry call. */
  forwarded: Counter<'op'>;
  /** Counts one refused request or connection by its error code. */
  reject(code: ErrorCode): void;
}

/** Creates the metrics; room and peer gauges read `stats` at scrape time. */
export function createMetrics(
  stats: () => RegistryStats,
  cluster?: () => ClusterHealth | undefined,
): SignalMetrics {
  const registry = new Registry();
  new Gauge({
    name: 'meshwork_redis_up',
    help: 'Whether this cluster node reaches Redis (1) or not (0); absent on a single node.',
    registers: [registry],
    collect() {
      const health = cluster?.();
      if (health) this.set(health.redis === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'meshwork_cluster_rooms_owned',
    help: 'Rooms whose lease this cluster node holds (they run here).',
    registers: [registry],
    collect() {
      const health = cluster?.();
      if (health) this.set(health.ownedRooms);
    },
  });
  const forwarded = new Counter({
    name: 'meshwork_cluster_forwarded_total',
    help: 'Requests forwarded to the node that runs their room, by registry call.',
    labelNames: ['op'],
    registers: [registry],
  });
  new Gauge({
    name: 'meshwork_rooms',
    help: 'Rooms with at least one peer.',
    registers: [registry],
    collect() {
      this.set(stats().rooms);
    },
  });
  new Gauge({
    name: 'meshwork_peers',
    help: 'Peers in rooms, by whether their socket is connected or in its grace period.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = stats();
      this.set({ state: 'connected' }, s.connectedPeers);
      this.set({ state: 'grace' }, s.peers - s.connectedPeers);
    },
  });
  const signalsRelayed = new Counter({
    name: 'meshwork_signals_relayed_total',
    help: 'Signals relayed between linked peers.',
    registers: [registry],
  });
  const rejects = new Counter({
    name: 'meshwork_rejects_total',
    help: 'Refused requests and connections, by error code.',
    labelNames: ['code'],
    registers: [registry],
  });
  for (const code of ERROR_CODES) rejects.inc({ code }, 0);
  const joinLatencyMs = new Histogram({
    name: 'meshwork_join_latency_ms',
    help: 'Time from receiving a join to sending its ack, in milliseconds.',
    buckets: JOIN_LATENCY_BUCKETS_MS,
    registers: [registry],
  });
  const planVersions = new Counter({
    name: 'meshwork_plan_versions_total',
    help: 'Plan versions issued across all rooms.',
    registers: [registry],
  });
  return {
    registry,
    signalsRelayed,
    rejects,
    joinLatencyMs,
    planVersions,
    forwarded,
    reject: (code) => rejects.inc({ code }),
  };
}
