import type { PeerId, Topology, UpdateRoomRequest } from '@meshwork/protocol';
import type {
  ConnId,
  Effect,
  Joined,
  JoinInput,
  LinkReports,
  Outcome,
  PeerUpdate,
  RelayRequest,
} from '../registry/types';

type Maybe<T> = T | Promise<T>;

/**
 * What the event table asks of the rooms: the RoomRegistry itself on one node, or a cluster
 * node's router (`cluster/ClusterRooms`), which runs a room here or forwards to its owner.
 */
export interface RoomService {
  /** The peer a connection of this node speaks for, if it has joined. */
  peerOf(conn: ConnId): { roomId: string; peerId: PeerId } | null;
  join(input: JoinInput): Promise<Outcome<Joined>>;
  leave(conn: ConnId): Maybe<Outcome>;
  disconnect(conn: ConnId): Maybe<Effect[]>;
  signal(conn: ConnId, req: RelayRequest): Maybe<Outcome>;
  reportLinks(conn: ConnId, reports: LinkReports): Maybe<Outcome>;
  updatePeer(conn: ConnId, update: PeerUpdate): Maybe<Outcome>;
  setTopology(conn: ConnId, topology: Topology): Maybe<Outcome<{ version: number }>>;
  setHub(conn: ConnId, hub: PeerId | null): Maybe<Outcome<{ version: number }>>;
  planReady(conn: ConnId, version: number): Maybe<Outcome>;
  updateRoom(conn: ConnId, req: UpdateRoomRequest): Promise<Outcome>;
  removePeer(conn: ConnId, target: PeerId): Maybe<Outcome>;
  transferHost(conn: ConnId, target: PeerId): Maybe<Outcome>;
}
