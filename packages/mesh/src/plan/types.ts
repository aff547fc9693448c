import type { CapacityHints, PeerId, PeerPlan, Topology } from '@meshwork/protocol';

/** A peer as the planner sees it. Peers are always given in join order. */
export interface PlanPeer {
  id: PeerId;
  joinedAt: number;
  capacity: CapacityHints;
  /** A packet-forwarding media hub: in the graph only while it is the star's hub ([R15]). */
  mediaServer?: boolean;
}

/** Canonical key of an undirected link: the two ids sorted lexically, joined by `|`. */
export type LinkKey = string;

/** Everything the planner needs to compute a room's plan. Pure data. */
export interface PlanInput {
  topology: Topology;
  /** Peers in join order. */
  peers: readonly PlanPeer[];
  /** Hub chosen by a person; ignored if that peer is gone. */
  hubPreference: PeerId | null;
  /** Links reported failed; removed from the graph (and bridged if that splits it). */
  failedLinks: ReadonlySet<LinkKey>;
}

/** An undirected link graph over peers in join order. */
export interface LinkGraph {
  /** Peer ids in join order. */
  order: readonly PeerId[];
  /** Neighbours of each peer, in join order. */
  adjacency: ReadonlyMap<PeerId, readonly PeerId[]>;
  /** Every edge once, earlier joiner first, sorted by join order. */
  edges: ReadonlyArray<readonly [PeerId, PeerId]>;
}

/** Shortest-path tree of one origin: each reachable peer's parent (the origin maps to null). */
export type RouteTree = ReadonlyMap<PeerId, PeerId | null>;

/** The whole room's plan for one version: the graph, routes, link epochs and each peer's part. */
export interface RoomPlan {
  version: number;
  topology: Topology;
  hub: PeerId | null;
  graph: LinkGraph;
  /** Per origin, its shortest-path tree. */
  trees: ReadonlyMap<PeerId, RouteTree>;
  /** Epoch (plan version of its current life) of every link in the graph. */
  epochs: ReadonlyMap<LinkKey, number>;
  /** What each peer is told. */
  peers: ReadonlyMap<PeerId, PeerPlan>;
}
