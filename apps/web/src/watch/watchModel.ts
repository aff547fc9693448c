import type { FeedEvent, FeedSnapshot } from '@meshwork/protocol';

/** What the dashboard knows of the room: the feed's snapshot, kept current by its events. */
export type WatchedRoom = FeedSnapshot;

/**
 * Applies one feed event (SPEC [P20]): a snapshot replaces everything, the others patch it.
 * Before the first snapshot only a snapshot counts. Lists are replaced, never mutated.
 */
export function applyFeedEvent(room: WatchedRoom | null, e: FeedEvent): WatchedRoom | null {
  if (e.event === 'snapshot') return e.data;
  if (room === null) return null;
  switch (e.event) {
    case 'peer-joined':
      if (room.peers.some((p) => p.id === e.data.peer.id)) return room;
      return { ...room, peers: [...room.peers, e.data.peer] };
    case 'peer-updated':
      return { ...room, peers: room.peers.map((p) => (p.id === e.data.peer.id ? e.data.peer : p)) };
    case 'peer-left':
      return { ...room, peers: room.peers.filter((p) => p.id !== e.data.peerId) };
    case 'topology':
      return { ...room, topology: e.data.topology };
    case 'plan':
      return { ...room, planVersion: e.data.version, hub: e.data.hub };
    case 'links':
      return { ...room, links: e.data.links };
  }
}

/** The feed's path for a room. */
export function feedUrl(roomId: string): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/events`;
}
