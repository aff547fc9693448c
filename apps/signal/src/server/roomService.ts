import type { PeerId } from '@meshwork/protocol';
import type { RoomRegistry } from '../registry/RoomRegistry';

/** The registry's requests a connection makes, which a cluster node may forward to a room's owner. */
type Routed =
  | 'join'
  | 'leave'
  | 'disconnect'
  | 'signal'
  | 'e2eeKey'
  | 'reportLinks'
  | 'updatePeer'
  | 'setTopology'
  | 'setHub'
  | 'planReady'
  | 'updateRoom'
  | 'removePeer'
  | 'transferHost'
  | 'answerLobby'
  | 'raiseHand'
  | 'react'
  | 'setRecording';

/**
 * What the event table asks of the rooms: the RoomRegistry itself on one node, or a cluster
 * node's router (`cluster/ClusterRooms`), which runs a room here or forwards to its owner, so
 * each request may answer later. The requests are the registry's own, not a restated list.
 */
export type RoomService = {
  [K in Routed]: (
    ...args: Parameters<RoomRegistry[K]>
  ) => ReturnType<RoomRegistry[K]> | Promise<Awaited<ReturnType<RoomRegistry[K]>>>;
} & {
  /** The peer a connection of this node speaks for, if it has joined. */
  peerOf(conn: Parameters<RoomRegistry['peerOf']>[0]): { roomId: string; peerId: PeerId } | null;
};
