import { computeRoomPlan, type PlanPeer } from '@meshwork/mesh/plan';
import {
  type AudioRouting,
  carriesKind,
  type HubLoadHint,
  type PeerId,
  type PeerInfo,
  type PeerPlan,
  type Topology,
} from '@meshwork/protocol';

/** What a topology costs one person at the current room size. */
export interface TopologyCost {
  /** Streams this person sends: its own to each neighbour that needs it, plus relayed ones. */
  up: number;
  /** Streams this person receives (one per other peer). */
  down: number;
  /** Only in a hybrid plan (SPEC [P30]): streams of audio alone sent, beside `up` (with video). */
  audioUp?: number;
  /** Only in a hybrid plan: streams of audio alone received, beside `down`. */
  audioDown?: number;
  /** Peer connections this person holds. */
  links: number;
  /** Hops from the farthest peer to this person. */
  maxHops: number;
  /** Other people's streams this person decodes and re-encodes. */
  relayed: number;
  /** The star's hub is a media server: it forwards packets and re-encodes nothing. */
  serverHub: boolean;
  /** What that media server carries now, as it shows the room ([P24]), when it says. */
  serverLoad?: HubLoadHint;
}

/**
 * Whether a peer is a media hub ([P24]). The signal app accepts `deviceClass: server` only from
 * a hub that proved `HUB_SECRET` ([P17]), so the class alone says it.
 */
export function isMediaServer(peer: Pick<PeerInfo, 'capacity'>): boolean {
  return peer.capacity.deviceClass === 'server';
}

/** How many people are in the room: its peers less a media hub, which is nobody's face. */
export function countPeople(peers: readonly Pick<PeerInfo, 'capacity'>[]): number {
  return peers.reduce((n, p) => (isMediaServer(p) ? n : n + 1), 0);
}

/** The numbers of one peer's plan. */
export function costOfPlan(plan: PeerPlan): TopologyCost {
  // A hybrid plan's audio-only entries are cheap: counted apart from the streams with video.
  const video = <T extends { kind?: 'audio' | 'video' | undefined }>(e: T) =>
    carriesKind(e, 'video');
  const audioOnly = <T extends { kind?: 'audio' | 'video' | undefined }>(e: T) =>
    e.kind === 'audio';
  const up = plan.forward.filter(video);
  const audioUp = plan.forward.filter(audioOnly).length;
  const audioDown = plan.receive.filter(audioOnly).length;
  return {
    up: up.length,
    down: plan.receive.filter(video).length,
    ...(audioUp + audioDown > 0 ? { audioUp, audioDown } : {}),
    links: plan.links.length,
    maxHops: plan.receive.reduce((max, r) => Math.max(max, r.path.length - 1), 0),
    relayed: up.filter((f) => f.from !== null).length,
    serverHub: false,
  };
}

/** Planner peers for the room's people, in join order. */
export function planPeers(
  peers: readonly Pick<PeerInfo, 'id' | 'joinedAt' | 'capacity'>[],
): PlanPeer[] {
  return [...peers]
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map((p) => ({
      id: p.id,
      joinedAt: p.joinedAt,
      capacity: p.capacity,
      mediaServer: isMediaServer(p),
    }));
}

/**
 * What `topology` would cost `self` in this room, computed with the same pure planner the
 * signal app uses (failed links are ignored: this is a preview of the healthy shape).
 */
export function previewCost(
  topology: Topology,
  peers: readonly Pick<PeerInfo, 'id' | 'joinedAt' | 'capacity'>[],
  self: PeerId,
  hubPreference: PeerId | null,
  audioRouting: AudioRouting = 'follow',
): TopologyCost {
  // As the signal app elects ([P17]): a person's choice, else a media hub, else the planner's.
  const server = peers.find(isMediaServer)?.id ?? null;
  const plan = computeRoomPlan(
    {
      topology,
      audioRouting,
      peers: planPeers(peers),
      hubPreference: hubPreference ?? server,
      failedLinks: new Set(),
    },
    0,
    new Map(),
  );
  const mine = plan.peers.get(self);
  const cost = mine
    ? costOfPlan(mine)
    : { up: 0, down: 0, links: 0, maxHops: 0, relayed: 0, serverHub: false };
  const serverHub = plan.hub !== null && plan.hub === server;
  const load = peers.find((p) => p.id === server)?.capacity.hubLoad;
  return { ...cost, serverHub, ...(serverHub && load ? { serverLoad: load } : {}) };
}
