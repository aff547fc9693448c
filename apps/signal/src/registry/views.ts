import { type LinkKey, linkKey, parseLinkKey } from '@meshwork/mesh/plan';
import type {
  PeerId,
  PeerInfo,
  PeerPlan,
  RoomLink,
  RoomSettings,
  RoomSnapshot,
} from '@meshwork/protocol';
import type { PeerState, RoomState } from './Room';
import { edgesOf, hasLinkKey, latestPlan, planOf } from './StoredPlan';
import type { Joined } from './types';

/** What other peers see of a peer. */
export function peerInfo(peer: PeerState): PeerInfo {
  return {
    id: peer.id,
    displayName: peer.displayName,
    joinedAt: peer.joinedAt,
    media: { ...peer.media },
    capacity: { ...peer.capacity },
    connected: peer.conn !== null,
    publicKey: peer.publicKey,
  };
}

/** The room's settings. */
export function roomSettings(room: RoomState): RoomSettings {
  const auto = room.auto?.choice;
  return {
    topology: room.auto ? 'auto' : room.topology,
    ...(room.auto && auto ? { auto: { ...auto } } : {}),
    audioRouting: room.audioRouting,
    hubPreference: room.hubPreference,
    hostId: room.hostId,
    controlPolicy: room.controlPolicy,
    locked: room.locked,
    lobby: room.lobby,
    e2ee: room.e2ee,
    passwordProtected: room.passwordHash !== null,
  };
}

/**
 * The room's links as the server last heard of them: every edge of the newest plan (state
 * `connecting` until reported), plus failed links the plan routes around, in join order. Earlier
 * joiner in `a`.
 * Links towards ids a rebuilding room only expects are left out: those ids are not peers.
 */
export function roomLinks(room: RoomState): RoomLink[] {
  const index = new Map(room.peers.map((p, i) => [p.id, i]));
  const ordered = (x: PeerId, y: PeerId): [PeerId, PeerId] =>
    (index.get(x) ?? 0) <= (index.get(y) ?? 0) ? [x, y] : [y, x];
  const links: RoomLink[] = [];
  const seen = new Set<LinkKey>();
  for (const [x, y] of edgesOf(latestPlan(room)?.graph)) {
    if (!room.byId.has(x) || !room.byId.has(y)) continue;
    const key = linkKey(x, y);
    seen.add(key);
    const report = room.reports.get(key);
    const [a, b] = ordered(x, y);
    links.push({ a, b, state: report?.state ?? 'connecting', rttMs: report?.rttMs ?? null });
  }
  const failed: RoomLink[] = [];
  for (const key of room.failedLinks) {
    if (seen.has(key)) continue;
    const [a, b] = ordered(...parseLinkKey(key));
    failed.push({ a, b, state: 'failed', rttMs: room.reports.get(key)?.rttMs ?? null });
  }
  // In join order, not in the order links failed: a link retried and failed again ([P22]) is the
  // same list, and a list that only reorders must not read as a change.
  const at = (id: PeerId) => index.get(id) ?? 0;
  failed.sort((x, y) => at(x.a) - at(y.a) || at(x.b) - at(y.b));
  links.push(...failed);
  return links;
}

/** What `roomLinks` shows of one link (null: not listed), to notice a change to it alone. */
export function shownLink(room: RoomState, key: LinkKey): Omit<RoomLink, 'a' | 'b'> | null {
  const rttMs = room.reports.get(key)?.rttMs ?? null;
  if (hasLinkKey(latestPlan(room), key)) {
    return { state: room.reports.get(key)?.state ?? 'connecting', rttMs };
  }
  return room.failedLinks.has(key) ? { state: 'failed', rttMs } : null;
}

/** The room as a joining peer first sees it. */
export function roomSnapshot(room: RoomState, maxPeers: number): RoomSnapshot {
  return {
    roomId: room.id,
    settings: roomSettings(room),
    maxPeers,
    peers: room.peers.map(peerInfo),
    links: roomLinks(room),
  };
}

/** A join's result; `fresh` is the peer's part of a plan just computed, if there is one. */
export function joinedView(
  room: RoomState,
  peer: PeerState,
  maxPeers: number,
  fresh?: PeerPlan,
): Omit<Joined, 'resumed'> {
  const latest = latestPlan(room);
  if (latest === null) throw new Error(`No plan in room ${room.id}`);
  return {
    peerId: peer.id,
    joinedAt: peer.joinedAt,
    room: roomSnapshot(room, maxPeers),
    plan: fresh ?? planOf(latest, peer.id),
    passwordHash: room.passwordHash,
  };
}
