import type { LinkKey } from '@meshwork/mesh/plan';
import type { CapacityHints, LinkState, MediaFlags, PeerId, Topology } from '@meshwork/protocol';
import type { StoredPlan } from './StoredPlan';
import type { ConnId } from './types';

/** Media flags of a peer that has said nothing about its media yet. */
export const NO_MEDIA: MediaFlags = { audio: false, video: false, screen: false };

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
}

/** The last report of one link. */
export interface LinkReportState {
  state: LinkState;
  rttMs: number | null;
}

/** One room's whole state: plain data, no timers (those belong to the parts that set them). */
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
  reports: Map<LinkKey, LinkReportState>;
  failedLinks: Set<LinkKey>;
  committed: StoredPlan | null;
  pending: StoredPlan | null;
  /** Peers that reported ready for the pending plan. */
  ready: Set<PeerId>;
  passwordHash: string | null;
  /**
   * Set by whatever changes the link list the room was last sent (a plan with other edges, a
   * new report, a failed link), so `linksChanged` goes out only on change.
   */
  linksDirty: boolean;
  /**
   * Epochs remembered by resuming peers for links towards peers that have not resumed yet
   * (rooms rebuilt after a restart). They override the planner's fresh epochs (SPEC [P9]).
   */
  rememberedEpochs: Map<LinkKey, number>;
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
    passwordHash,
    linksDirty: false,
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
