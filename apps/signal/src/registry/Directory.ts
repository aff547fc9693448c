import { randomBytes } from 'node:crypto';
import type { PeerId } from '@meshwork/protocol';
import { RESUME_TOKEN_TTL_MS } from '../auth/resumeToken';
import { RetiredIds } from './RetiredIds';
import type { PeerState, RoomState } from './Room';
import type { ConnId } from './types';

// Retired ids are remembered as long as a resume token lives (SPEC [P16]), so no token of a
// peer that left or was removed restores it in this process.
const RETIRED_IDS_MAX = 100_000;
const RETIRED_IDS_MAX_AGE_MS = RESUME_TOKEN_TTL_MS;

/** The room and peer a connection speaks for. */
export interface Seat {
  room: RoomState;
  peer: PeerState;
}

/** Counts of what the registry holds, for health and metrics. */
export interface RegistryStats {
  rooms: number;
  peers: number;
  connectedPeers: number;
}

/**
 * Where everything is: rooms by id, the seat behind each connection, and which peer ids are
 * taken (by a peer present now, or by one that left recently in this process).
 */
export class Directory {
  private readonly rooms = new Map<string, RoomState>();
  private readonly seats = new Map<ConnId, Seat>();
  private readonly present = new Set<PeerId>();
  private readonly retired = new RetiredIds(RETIRED_IDS_MAX, RETIRED_IDS_MAX_AGE_MS);
  private seq = 0;

  /** The room with this id, if it has peers. */
  room(id: string): RoomState | undefined {
    return this.rooms.get(id);
  }

  /** Every room. */
  allRooms(): IterableIterator<RoomState> {
    return this.rooms.values();
  }

  /** Whether `room` is still the live room of its id (a timer may outlive its room). */
  isLive(room: RoomState): boolean {
    return this.rooms.get(room.id) === room;
  }

  /** Registers a new room. */
  addRoom(room: RoomState): void {
    this.rooms.set(room.id, room);
  }

  /** Forgets a room. */
  removeRoom(room: RoomState): void {
    this.rooms.delete(room.id);
  }

  /** The seat behind a connection, if it has joined. */
  seat(conn: ConnId): Seat | undefined {
    return this.seats.get(conn);
  }

  /** Seats `conn` as `peer` of `room`. */
  sit(conn: ConnId, room: RoomState, peer: PeerState): void {
    this.seats.set(conn, { room, peer });
  }

  /** Frees the seat of a connection. */
  stand(conn: ConnId): void {
    this.seats.delete(conn);
  }

  /** Whether `id` belongs to a present peer, or to one retired recently. */
  isTaken(id: PeerId, now: number): boolean {
    return this.present.has(id) || this.retired.has(id, now);
  }

  /** Marks `id` as present. */
  claim(id: PeerId): void {
    this.present.add(id);
  }

  /** `id` is no longer present here but not retired (its room moved to another node). */
  release(id: PeerId): void {
    this.present.delete(id);
  }

  /** `id` left: it is no longer present and its resume tokens no longer restore it. */
  retire(id: PeerId, now: number): void {
    this.present.delete(id);
    this.retired.add(id, now);
  }

  /** A fresh random peer id that no present or recently retired peer has. */
  newPeerId(now: number): PeerId {
    for (;;) {
      const id = randomBytes(12).toString('base64url');
      if (!this.isTaken(id, now)) return id;
    }
  }

  /** The next admission number, the tie-break of equal join times. */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** Counts for health and metrics. */
  stats(): RegistryStats {
    let peers = 0;
    let connectedPeers = 0;
    for (const room of this.rooms.values()) {
      peers += room.peers.length;
      connectedPeers += room.peers.filter((p) => p.conn !== null).length;
    }
    return { rooms: this.rooms.size, peers, connectedPeers };
  }

  /** Forgets every room, seat and present id; retired ids stay retired. */
  clear(): void {
    this.rooms.clear();
    this.seats.clear();
    this.present.clear();
  }
}
