import { randomUUID } from 'node:crypto';
import type { Clock, Logger } from '@meshwork/kit';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RoomRegistry } from '../registry/RoomRegistry';
import type { Deliver } from '../server/delivery';
import type { SignalIo } from '../server/io';
import type { ClusterHealth } from './ClusterHealth';
import { ClusterRooms } from './ClusterRooms';
import { withGracefulDuplicates } from './gracefulDuplicates';
import { ADAPTER_STREAM } from './keys';
import { NodeRpc } from './NodeRpc';
import { RedisLink } from './RedisLink';
import { RoomLease } from './RoomLease';
import { checkSharedSecrets, type SharedSecrets } from './secretCheck';

/** How a signal app joins a cluster. */
export interface ClusterOptions {
  redisUrl: string;
  leaseMs: number;
  /** This node's id in leases and inboxes; random per process by default. */
  nodeId?: string;
  secrets: SharedSecrets;
}

/** A signal app's membership of a cluster: Redis links, the adapter, leases and forwarding. */
export interface ClusterNode {
  readonly nodeId: string;
  readonly rooms: ClusterRooms;
  /** Resolves once Redis answered and the shared secrets agree; rejects with a ConfigError if not. */
  readonly ready: Promise<void>;
  health(): ClusterHealth;
  close(): Promise<void>;
}

/** What joining a cluster needs from the signal app. */
export interface ClusterDeps {
  io: SignalIo;
  registry: RoomRegistry;
  deliver: Deliver;
  clock: Clock;
  logger: Logger;
  forwarded?(op: string): void;
}

/**
 * Puts a signal app into a cluster: the Redis streams adapter carries every emit to the node that
 * holds the socket; rooms run on the node holding their lease (`ClusterRooms`). Returns at once;
 * until Redis answers, joins are refused with `ERR_CLUSTER_UNAVAILABLE`.
 */
export function joinCluster(options: ClusterOptions, deps: ClusterDeps): ClusterNode {
  const nodeId = options.nodeId ?? randomUUID();
  const logger = deps.logger.child('cluster');
  const redis = new RedisLink(options.redisUrl, deps.clock, logger);
  deps.io.adapter(
    createAdapter(withGracefulDuplicates(redis.adapter), {
      streamName: ADAPTER_STREAM,
      channelPrefix: ADAPTER_STREAM,
    }),
  );
  const lease = new RoomLease(redis, nodeId, options.leaseMs);
  const rpc = new NodeRpc(redis, nodeId, deps.clock, logger);
  const rooms = new ClusterRooms({
    nodeId,
    registry: deps.registry,
    lease,
    rpc,
    redis,
    leaseMs: options.leaseMs,
    clock: deps.clock,
    logger,
    deliver: deps.deliver,
    recheckSecrets: () => checkSharedSecrets(redis, options.secrets, options.leaseMs),
    kick: (conn) => deps.io.of('/').sockets.get(conn)?.disconnect(true),
    ...(deps.forwarded ? { forwarded: deps.forwarded } : {}),
  });
  let closed = false;
  const ready = (async () => {
    await redis.connect();
    await checkSharedSecrets(redis, options.secrets, options.leaseMs);
    await rpc.listen((req) => rooms.serve(req));
    rooms.start();
    logger.info('joined the cluster', { nodeId });
  })();
  // A rejection is the caller's to report (main.ts exits); never an unhandled one.
  ready.catch(() => {});
  return {
    nodeId,
    rooms,
    ready,
    health: () => ({
      nodeId,
      redis: closed ? 'down' : redis.state,
      ownedRooms: rooms.ownedRooms(),
    }),
    async close() {
      if (closed) return;
      closed = true;
      await rooms.close();
      rpc.close();
      redis.close();
    },
  };
}
