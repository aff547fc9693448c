import type { HubLimits, HubLoad } from '@meshwork/protocol';

/** A connected media hub as the signal app sees it. */
export interface HubEntry {
  id: string;
  name: string;
  limits: HubLimits;
  load: HubLoad;
  connectedAt: number;
}

/**
 * [P24] The hubs to ask for a room, best first: those under both limits (rooms and streams),
 * fewest rooms first, then fewest streams, then the longest connected. Pure.
 */
export function pickHubs<H extends HubEntry>(hubs: Iterable<H>, roomId: string): H[] {
  return [...hubs]
    .filter((h) => !h.load.rooms.includes(roomId))
    .filter((h) => h.load.rooms.length < h.limits.maxRooms && h.load.streams < h.limits.maxStreams)
    .sort(
      (a, b) =>
        a.load.rooms.length - b.load.rooms.length ||
        a.load.streams - b.load.streams ||
        a.connectedAt - b.connectedAt,
    );
}
