import type { LinkKey } from '@meshwork/mesh/plan';
import type {
  AudioRouting,
  AutoChoice,
  CapacityHints,
  ControlPolicy,
  LinkState,
  MediaFlags,
  PeerId,
  PublicKey,
  QualityLimitation,
  Topology,
  TopologySetting,
} from '@meshwork/protocol';
import type { StoredPlan } from './StoredPlan';
import type { ConnId } from './types';

/** A link one or both ends said they held before the restart. */
export interface HintedLink {
  /** The resumed ends that named it; a link between two resumed peers needs both. */
  claimedBy: Set<PeerId>;
  /** The epoch its life keeps, or null for a new life (ends disagree, or beyond the version). */
  epoch: number | null;
}

/**
 * A room rebuilt after a restart, waiting for the peers its resumers named (SPEC [P16]). The
 * expected ids are not peers: never shown, never counted toward the cap, given nothing but an id
 * and the epochs of the links their resumers held, and gone at the end of the grace period.
 */
export interface RebuildState {
  expected: Set<PeerId>;
  links: Map<LinkKey, HintedLink>;
}

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
  /** The key the peer signs with (SPEC [P14]); fixed for the life of the id. */
  publicKey: PublicKey;
  /** True when the join presented a valid media-hub credential (SPEC [P17]). */
  hubVerified: boolean;
}

/** The last report of one link. */
export interface LinkReportState {
  state: LinkState;
  rttMs: number | null;
}

/** What a peer reports holding its video back, as an automatic room keeps it (SPEC [P28]). */
export interface PeerLimitation {
  limitation: QualityLimitation | null;
  /** Server ms since the peer has reported `limitation`; -Infinity: since before it mattered. */
  since: number;
  previous: QualityLimitation | null;
}

/** An automatic room's state (SPEC [P28]); the room's `topology` is what it picked. */
export interface AutoState {
  /** When the room began running its current topology (server ms). */
  since: number;
  /** The last choice the room was told, or null before the first decision. */
  choice: AutoChoice | null;
  limits: Map<PeerId, PeerLimitation>;
}

/** A fresh automatic state: free to choose at once. */
export function newAutoState(): AutoState {
  return { since: Number.NEGATIVE_INFINITY, choice: null, limits: new Map() };
}

/** What caused the pending plan: settings changes are coalesced, other causes are not. */
export type PlanCause = 'settings' | 'other';

/** One room's whole state: plain data, no timers (those belong to the parts that set them). */
export interface RoomState {
  id: string;
  /** The topology plans are made in: the setting, or with `auto` the server's pick. */
  topology: Topology;
  /** Present while the setting is `auto` (SPEC [P28]). */
  auto: AutoState | null;
  /** Audio follows the topology, or runs over a full mesh while video keeps it (SPEC [P30]). */
  audioRouting: AudioRouting;
  hubPreference: PeerId | null;
  /** The host (SPEC [P15]); null only while a rebuilt room waits for a member. */
  hostId: PeerId | null;
  controlPolicy: ControlPolicy;
  locked: boolean;
  /** Newcomers wait in the lobby until the host lets them in (SPEC [P25]). */
  lobby: boolean;
  /** Senders encrypt their frames end to end (SPEC [P31]). */
  e2ee: boolean;
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
  pendingCause: PlanCause;
  /** Peers that reported ready for the pending plan. */
  ready: Set<PeerId>;
  passwordHash: string | null;
  /**
   * Set by whatever changes the link list the room was last sent (a plan with other edges, a
   * new report, a failed link), so `linksChanged` goes out only on change.
   */
  linksDirty: boolean;
  /** An RTT-only change not yet sent; it goes out at most once per `RTT_BROADCAST_MS`. */
  rttDirty: boolean;
  /** When `linksChanged` last went out (clock ms). */
  linksSentAt: number;
  /** A settings change waiting for the pending plan to commit (SPEC [P16] coalescing). */
  replanQueued: boolean;
  /** When the last settings-caused plan was prepared (clock ms). */
  settingsPlanAt: number;
  /**
   * Epoch overrides for the next prepare, left by a rebuild that just ended: a number keeps
   * that link's life, null gives it a new one (SPEC [P16]).
   */
  epochOverrides: Map<LinkKey, number | null>;
  /** Present while a room rebuilt after a restart waits for the peers its resumers named. */
  rebuild: RebuildState | null;
  /** Per link, the ends that last reported it `disconnected` (SPEC [P22]). */
  downBy: Map<LinkKey, Set<PeerId>>;
  /** Per link, the ends that last reported it `connected`: they vouch for the other end. */
  upBy: Map<LinkKey, Set<PeerId>>;
  /** Peers with a socket whose neighbours' reports say they cannot be reached (SPEC [P22]). */
  unreachable: Set<PeerId>;
  /** The peers the latest plan routed around as away (SPEC [P22]). */
  plannedAway: Set<PeerId>;
  /** Failed links being retried: planned, but carrying no route until reported up (SPEC [P22]). */
  trialLinks: Set<LinkKey>;
}

/**
 * An empty room, automatic unless told otherwise (SPEC [P28]); one created with a password lets
 * only its host steer (SPEC [P15]).
 */
export function newRoom(
  id: string,
  passwordHash: string | null,
  setting: TopologySetting = 'auto',
): RoomState {
  return {
    id,
    topology: setting === 'auto' ? 'mesh' : setting,
    auto: setting === 'auto' ? newAutoState() : null,
    audioRouting: 'follow',
    hubPreference: null,
    hostId: null,
    controlPolicy: passwordHash === null ? 'everyone' : 'host',
    locked: false,
    lobby: false,
    e2ee: false,
    version: 0,
    peers: [],
    byId: new Map(),
    reports: new Map(),
    failedLinks: new Set(),
    committed: null,
    pending: null,
    pendingCause: 'other',
    ready: new Set(),
    passwordHash,
    linksDirty: false,
    rttDirty: false,
    linksSentAt: Number.NEGATIVE_INFINITY,
    replanQueued: false,
    settingsPlanAt: Number.NEGATIVE_INFINITY,
    epochOverrides: new Map(),
    rebuild: null,
    downBy: new Map(),
    upBy: new Map(),
    unreachable: new Set(),
    plannedAway: new Set(),
    trialLinks: new Set(),
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
  room.unreachable.delete(peer.id);
  room.plannedAway.delete(peer.id);
}

/** Peers the next plan routes around (SPEC [P22]): no socket, or reported unreachable. */
export function awayPeers(room: RoomState): Set<PeerId> {
  return new Set(
    room.peers.filter((p) => p.conn === null || room.unreachable.has(p.id)).map((p) => p.id),
  );
}
