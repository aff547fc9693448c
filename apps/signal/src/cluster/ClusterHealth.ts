import type { RedisState } from './RedisLink';

/** What the cluster side of a node says about itself (health and metrics). */
export interface ClusterHealth {
  nodeId: string;
  redis: RedisState;
  /** Rooms whose lease this node holds. */
  ownedRooms: number;
}
