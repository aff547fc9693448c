import type { PeerInfo, RoomLink } from '@meshwork/protocol';

// Stable empties for selectors: a new [] per call would make every render look like a change.

/** No peers (before joining). */
export const NO_PEERS: readonly PeerInfo[] = Object.freeze([]);
/** No links (before joining). */
export const NO_LINKS: readonly RoomLink[] = Object.freeze([]);
