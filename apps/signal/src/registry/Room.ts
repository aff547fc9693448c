import { createHash } from 'node:crypto';
import {
  type LinkGraph,
  type LinkKey,
  linkKey,
  parseLinkKey,
  peerPlan,
  type RoomPlan,
  routeTrees,
} from '@meshwork/mesh/plan';
import type {
  CapacityHints,
  LinkState,
  MediaFlags,
  PeerId,
  PeerInfo,
  PeerPlan,
  RoomLink,
  RoomSettings,
  RoomSnapshot,
  Topology,
} from '@meshwork/protocol';
import type { ConnId } from './types';

/** One peer of a room, as the registry keeps it. */
export interface PeerState {
  id: PeerId;
  displayName: string;
  joinedAt: number;
  /** Tie-break for equal join times: the order the registry admitted peers in. */
  seq: number;
  media: MediaFlags;
  capacity: CapacityHints;
  /** The live connection, or null while the grace period runs. */
  conn: ConnId | null;
  /** True for a peer a rebuilt room holds from another peer's resume hints until it resumes. */
  placeholder: boolean;
  graceTimer: unknown;
}

/** The last report of one link. */
export interface LinkReportState {
  state: LinkState;
  rttMs: number | null;
}

/**
 * A plan as the registry keeps it: only the room-wide parts. Each peer's `PeerPlan` is derived
 * when it is sent (`planOf`), so the registry holds no per-peer copy of the room's graph.
 */
export interface StoredPlan {
  version: number;
  topology: Topology;
  hub: PeerId | null;
  graph: LinkGraph;
  /** Epoch of every link in the graph. */
  epochs: ReadonlyMap<LinkKey, number>;
  /**
   * Epochs of each peer's links, index for index with `graph.adjacency`, so relaying a signal
   * checks its link without building a key.
   */
  neighbourEpochs: ReadonlyMap<PeerId, readonly number[]>;
}

/** Keeps the room-wide parts of a freshly computed plan. */
export function storePlan(plan: RoomPlan): StoredPlan {
  const neighbourEpochs = new Map<PeerId, number[]>();
  for (const [self, neighbours] of plan.graph.adjacency) {
    neighbourEpochs.set(
      self,
      neighbours.map((peer) => plan.epochs.get(linkKey(self, peer)) ?? -1),
    );
  }
  const { version, topology, hub, graph, epochs } = plan;
  return { version, topology, hub, graph, epochs, neighbourEpochs };
}

/** What `self` is told under a stored plan (routes are recomputed; they are cheap and pure). */
export function planOf(plan: StoredPlan, self: PeerId): PeerPlan {
  return peerPlan({ ...plan, trees: routeTrees(plan.graph) }, self);
}

/** One room's whole state. */
export interface RoomState {
  id: string;
  topology: Topology;
  hubPreference: PeerId | null;
  /** Last plan version issued; never goes backwards. */
  version: number;
  /** Peers in join order. */
  peers: PeerState[];
  /** The same peers by id. */
  byId: Map<PeerId, PeerState>;
  reports: Map<string, LinkReportState>;
  failedLinks: Set<string>;
  committed: StoredPlan | null;
  pending: StoredPlan | null;
  /** Peers that reported ready for the pending plan. */
  ready: Set<PeerId>;
  deadlineTimer: unknown;
  passwordHash: string | null;
  /** Digest of the link list last sent to the room, to send `linksChanged` only on change. */
  lastLinks: string;
  /**
   * Epochs remembered by resuming peers for links towards peers that have not resumed yet
   * (rooms rebuilt after a restart). They override the planner's fresh epochs (SPEC [P9]).
   */
  rememberedEpochs: Map<string, number>;
}

/** An empty room. */
export function newRoom(id: string, passwordHash: string | null): RoomState {
  return {
    id,
    topology: 'mesh',
    hubPreference: null,
    version: 0,
    peers: [],
    byId: new Map(),
    reports: new Map(),
    failedLinks: new Set(),
    committed: null,
    pending: null,
    ready: new Set(),
    deadlineTimer: null,
    passwordHash,
    lastLinks: linksDigest([]),
    rememberedEpochs: new Map(),
  };
}

/** Inserts a peer keeping join order (join time, then admission order). */
export function insertPeer(room: RoomState, peer: PeerState): void {
  const at = room.peers.findIndex(
    (p) => p.joinedAt > peer.joinedAt || (p.joinedAt === peer.joinedAt && p.seq > peer.seq),
  );
  if (at === -1) room.peers.push(peer);
  else room.peers.splice(at, 0, peer);
  room.byId.set(peer.id, peer);
}

/** Removes a peer from the room's lists. */
export function removeFromRoom(room: RoomState, peer: PeerState): void {
  room.peers = room.peers.filter((p) => p !== peer);
  room.byId.delete(peer.id);
}

/** A short fingerprint of a link list, kept instead of the list to notice changes. */
export function linksDigest(links: readonly RoomLink[]): string {
  return createHash('sha256').update(JSON.stringify(links)).digest('base64');
}

/** What other peers see of a peer. */
export function peerInfo(peer: PeerState): PeerInfo {
  return {
    id: peer.id,
    displayName: peer.displayName,
    joinedAt: peer.joinedAt,
    media: { ...peer.media },
    capacity: { ...peer.capacity },
    connected: peer.conn !== null,
  };
}

/** The room's settings. */
export function roomSettings(room: RoomState): RoomSettings {
  return { topology: room.topology, hubPreference: room.hubPreference };
}

/** The newest plan: pending if a change is in flight, else the committed one. */
export function latestPlan(room: RoomState): StoredPlan | null {
  return room.pending ?? room.committed;
}

function hasLink(plan: StoredPlan | null, a: PeerId, b: PeerId, epoch: number): boolean {
  if (plan === null) return false;
  const neighbours = plan.graph.adjacency.get(a);
  if (neighbours === undefined) return false;
  const at = neighbours.indexOf(b);
  return at !== -1 && plan.neighbourEpochs.get(a)?.[at] === epoch;
}

/** Whether `a` and `b` are linked with `epoch` in the committed or the pending plan. */
export function linkedWithEpoch(room: RoomState, a: PeerId, b: PeerId, epoch: number): boolean {
  if (a === b) return false;
  return hasLink(room.committed, a, b, epoch) || hasLink(room.pending, a, b, epoch);
}

/** Whether `a` and `b` are linked in the committed or the pending plan. */
export function linkedAtAll(room: RoomState, a: PeerId, b: PeerId): boolean {
  if (a === b) return false;
  const key = linkKey(a, b);
  return room.committed?.epochs.has(key) === true || room.pending?.epochs.has(key) === true;
}

/**
 * The room's links as the server last heard of them: every edge of the newest plan (state
 * `connecting` until reported), plus failed links the plan routes around. Earlier joiner in `a`.
 */
export function roomLinks(room: RoomState): RoomLink[] {
  const index = new Map(room.peers.map((p, i) => [p.id, i]));
  const ordered = (x: PeerId, y: PeerId): [PeerId, PeerId] =>
    (index.get(x) ?? 0) <= (index.get(y) ?? 0) ? [x, y] : [y, x];
  const links: RoomLink[] = [];
  const seen = new Set<string>();
  for (const [x, y] of latestPlan(room)?.graph.edges ?? []) {
    const key = linkKey(x, y);
    seen.add(key);
    const report = room.reports.get(key);
    const [a, b] = ordered(x, y);
    links.push({ a, b, state: report?.state ?? 'connecting', rttMs: report?.rttMs ?? null });
  }
  for (const key of room.failedLinks) {
    if (seen.has(key)) continue;
    const [a, b] = ordered(...parseLinkKey(key));
    links.push({ a, b, state: 'failed', rttMs: room.reports.get(key)?.rttMs ?? null });
  }
  return links;
}

/** The room as a joining peer first sees it. */
export function roomSnapshot(room: RoomState, maxPeers: number): RoomSnapshot {
  return {
    roomId: room.id,
    settings: roomSettings(room),
    passwordProtected: room.passwordHash !== null,
    maxPeers,
    peers: room.peers.map(peerInfo),
    links: roomLinks(room),
  };
}
