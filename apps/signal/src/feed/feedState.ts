import type { FeedEvent, FeedPeer, FeedSnapshot, RoomLink } from '@meshwork/protocol';
import type { RoomState } from '../registry/Room';
import { latestPlan } from '../registry/StoredPlan';
import { roomLinks } from '../registry/views';

/**
 * What the live room feed shows of a room (SPEC [P20]): names, media flags, host, link states,
 * topology, hub and plan version. Nothing else of the room is read, so no key, token or address
 * can reach a watcher.
 */
export function feedState(roomId: string, room: Readonly<RoomState> | undefined): FeedSnapshot {
  if (room === undefined) {
    return { roomId, peers: [], topology: 'mesh', hub: null, planVersion: 0, links: [] };
  }
  const plan = latestPlan(room);
  return {
    roomId,
    peers: room.peers.map(
      (p): FeedPeer => ({
        id: p.id,
        displayName: p.displayName,
        media: { ...p.media },
        host: room.hostId === p.id,
        connected: p.conn !== null,
      }),
    ),
    topology: room.topology,
    hub: plan?.hub ?? null,
    planVersion: plan?.version ?? 0,
    links: roomLinks(room as RoomState),
  };
}

function samePeer(a: FeedPeer, b: FeedPeer): boolean {
  return (
    a.displayName === b.displayName &&
    a.host === b.host &&
    a.connected === b.connected &&
    a.media.audio === b.media.audio &&
    a.media.video === b.media.video &&
    a.media.screen === b.media.screen
  );
}

// RTT alone changes with every report; the feed sends links when the list or a state changes.
function sameLinks(a: readonly RoomLink[], b: readonly RoomLink[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => b[i]?.a === l.a && b[i]?.b === l.b && b[i]?.state === l.state)
  );
}

/** The events that take a watcher from `prev` to `next`, in the order they should be applied. */
export function feedDiff(prev: FeedSnapshot, next: FeedSnapshot): FeedEvent[] {
  const events: FeedEvent[] = [];
  const before = new Map(prev.peers.map((p) => [p.id, p]));
  const after = new Set(next.peers.map((p) => p.id));
  for (const p of prev.peers) {
    if (!after.has(p.id)) events.push({ event: 'peer-left', data: { peerId: p.id } });
  }
  for (const p of next.peers) {
    const old = before.get(p.id);
    if (old === undefined) events.push({ event: 'peer-joined', data: { peer: p } });
    else if (!samePeer(old, p)) events.push({ event: 'peer-updated', data: { peer: p } });
  }
  if (prev.topology !== next.topology) {
    events.push({ event: 'topology', data: { topology: next.topology } });
  }
  if (prev.planVersion !== next.planVersion || prev.hub !== next.hub) {
    const { planVersion: version, topology, hub } = next;
    // The plan's own topology is the setting it was made for: the newest plan follows it.
    events.push({ event: 'plan', data: { version, topology, hub } });
  }
  if (!sameLinks(prev.links, next.links)) {
    events.push({ event: 'links', data: { links: next.links } });
  }
  return events;
}
