import type { PeerId, Topology } from '@meshwork/protocol';
import { Admission } from './Admission';
import { Directory, type RegistryStats, type Seat } from './Directory';
import { fail } from './effects';
import { reportLinks } from './LinkReports';
import { PlanCycle } from './PlanCycle';
import { Presence } from './Presence';
import { hashPassword, verifyPassword } from './password';
import { Resume } from './Resume';
import { relay } from './relay';
import { setHub, setTopology, updatePeer } from './Settings';
import type {
  ConnId,
  Effect,
  Joined,
  JoinInput,
  LinkReports,
  Outcome,
  PeerUpdate,
  RegistryOptions,
  RelayRequest,
} from './types';
import { peerInfo, roomLinks, roomSettings } from './views';

/**
 * Rooms, peers and their plans, with no transport: every method returns its result and the
 * effects (who gets which event) for the caller to deliver. Timers report through
 * `options.onEffects`. Each job is a part of its own; this class only finds the caller's seat.
 */
export class RoomRegistry {
  private readonly directory = new Directory();
  private readonly plans: PlanCycle;
  private readonly presence: Presence;
  private readonly admission: Admission;
  private closed = false;

  constructor(options: RegistryOptions) {
    const { clock, onEffects, maxPeersPerRoom } = options;
    const directory = this.directory;
    this.plans = new PlanCycle({
      clock,
      onEffects,
      commitDeadlineMs: options.commitDeadlineMs,
      hooks: options.hooks,
      isLive: (room) => directory.isLive(room),
    });
    this.presence = new Presence({
      clock,
      onEffects,
      graceMs: options.graceMs,
      directory,
      plans: this.plans,
    });
    const resume = new Resume({
      directory,
      presence: this.presence,
      plans: this.plans,
      maxPeersPerRoom,
    });
    this.admission = new Admission({
      clock,
      maxPeersPerRoom,
      passwords: options.passwords ?? { hash: hashPassword, verify: verifyPassword },
      directory,
      plans: this.plans,
      resume,
      isClosed: () => this.closed,
    });
  }

  /** The peer a connection speaks for, if it has joined. */
  peerOf(conn: ConnId): { roomId: string; peerId: PeerId } | null {
    const seat = this.directory.seat(conn);
    return seat ? { roomId: seat.room.id, peerId: seat.peer.id } : null;
  }

  /** Joins (or resumes into) a room; joins to one room run one at a time. */
  join(input: JoinInput): Promise<Outcome<Joined>> {
    return this.admission.join(input);
  }

  /** Leaves at once: the peer is removed and a new plan issued. */
  leave(conn: ConnId): Outcome {
    return this.seated(conn, ({ room, peer }) => ({
      ok: true,
      effects: this.presence.remove(room, peer, 'left'),
    }));
  }

  /** The connection is gone: keep the peer for the grace period, then remove it. */
  disconnect(conn: ConnId): Effect[] {
    return this.presence.disconnect(conn);
  }

  /** Relays a signal between two peers the committed or pending plan links with that epoch. */
  signal(conn: ConnId, req: RelayRequest): Outcome {
    return this.seated(conn, ({ room, peer }) => relay(room, peer, req));
  }

  /** Records link states; a newly failed link is routed around with a new plan. */
  reportLinks(conn: ConnId, reports: LinkReports): Outcome {
    return this.seated(conn, ({ room, peer }) => reportLinks(room, peer, reports, this.plans));
  }

  /** Updates a peer's name, media flags or capacity hints and tells the others. */
  updatePeer(conn: ConnId, update: PeerUpdate): Outcome {
    return this.seated(conn, ({ room, peer }) => updatePeer(room, peer, update));
  }

  /** Switches the room's topology; a change issues a new plan. */
  setTopology(conn: ConnId, topology: Topology): Outcome<{ version: number }> {
    return this.seated(conn, ({ room }) => setTopology(room, topology, this.plans));
  }

  /** Chooses the star hub (null: let the server elect); a change issues a new plan. */
  setHub(conn: ConnId, hub: PeerId | null): Outcome<{ version: number }> {
    return this.seated(conn, ({ room }) => setHub(room, hub, this.plans));
  }

  /** A peer receives every origin over the pending plan's routes. */
  planReady(conn: ConnId, version: number): Outcome {
    return this.seated(conn, ({ room, peer }) => this.plans.ready(room, peer, version));
  }

  /** Counts for health and metrics. */
  stats(): RegistryStats {
    return this.directory.stats();
  }

  /** A plain-data picture of every room (no secrets, no timers), for tests and debugging. */
  dump(): unknown {
    return [...this.directory.allRooms()].map((room) => ({
      id: room.id,
      settings: roomSettings(room),
      version: room.version,
      passwordProtected: room.passwordHash !== null,
      peers: room.peers.map(peerInfo),
      links: roomLinks(room),
      failedLinks: [...room.failedLinks].sort(),
      committed: room.committed?.version ?? null,
      pending: room.pending?.version ?? null,
      ready: [...room.ready].sort(),
    }));
  }

  /** Drops every room and timer. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const room of [...this.directory.allRooms()]) this.presence.deleteRoom(room);
    this.plans.close();
    this.presence.close();
    this.directory.clear();
  }

  private seated<T extends object>(conn: ConnId, run: (seat: Seat) => Outcome<T>): Outcome<T> {
    const seat = this.directory.seat(conn);
    return seat ? run(seat) : fail('ERR_NOT_JOINED');
  }
}
