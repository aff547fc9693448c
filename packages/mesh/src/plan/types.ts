import type { AudioRouting, CapacityHints, PeerId, PeerPlan, Topology } from '@meshwork/protocol';

/** A peer as the planner sees it. Peers are always given in join order. */
export interface PlanPeer {
  id: PeerId;
  joinedAt: number;
  capacity: CapacityHints;
  /** A packet-forwarding media hub: in the graph only while it is the star's hub ([R17]). */
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
  /**
   * Peers that are in the room but cannot be reached now (socket gone, or neighbours report
   * their links down): never the hub, never a relay, attached as leaves ([R15]).
   */
  away?: ReadonlySet<PeerId>;
  /**
   * Failed links being retried ([R16]): in the graph where the topology wants them, so both ends
   * connect them, but carrying no route until they are reported up.
   */
  trialLinks?: ReadonlySet<LinkKey>;
  /**
   * `mesh`: audio over a full mesh of the people while video keeps a star or ring ([R18]);
   * `follow` (the default): every kind follows `topology`.
   */
  audioRouting?: AudioRouting;
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
  /** Peers routed around as away ([R15]); empty when nobody is, or everybody. */
  away: ReadonlySet<PeerId>;
  /** Links in the graph that carry no route yet ([R16]). */
  trial: ReadonlySet<LinkKey>;
  /** Per origin, its shortest-path tree (in a hybrid plan, its video's). */
  trees: ReadonlyMap<PeerId, RouteTree>;
  /** Only in a hybrid plan ([R18]): per origin, its audio's tree over the people's mesh. */
  audioTrees?: ReadonlyMap<PeerId, RouteTree>;
  /** Only in a hybrid plan ([R18]): the video graph's edges; `graph` is the union. */
  videoEdges?: ReadonlyArray<readonly [PeerId, PeerId]>;
  /** Epoch (plan version of its current life) of every link in the graph. */
  epochs: ReadonlyMap<LinkKey, number>;
  /** What each peer is told. */
  peers: ReadonlyMap<PeerId, PeerPlan>;
}
