import type { Clock } from '@meshwork/kit';
import type {
  AudioRouting,
  E2eeKeyRequest,
  PeerId,
  Reaction,
  TopologySetting,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import { Admission, type Passwords } from './Admission';
import { AutoPilot } from './AutoPilot';
import { Directory, type RegistryStats, type Seat } from './Directory';
import { fail } from './effects';
import { Hands } from './Hands';
import { isMediaServer } from './hubChoice';
import { relayE2eeKey } from './keyRelay';
import { LinkHealing } from './LinkHealing';
import { reportLinks } from './LinkReports';
import { Lobby } from './Lobby';
import { PlanCycle } from './PlanCycle';
import { Presence } from './Presence';
import { hashPassword, verifyPassword } from './password';
import { createPlanProofs } from './planProof';
import { LINK_DOWN_CONFIRM_MS, Reachability } from './Reachability';
import { Rebuild } from './Rebuild';
import { Recordings } from './Recordings';
import { Resume } from './Resume';
import { applyRoomUpdate, isHost, removalNotice, transferHost } from './Roles';
import type { RoomState } from './Room';
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
  private readonly clock: Clock;
  private readonly passwords: Passwords;
  private readonly plans: PlanCycle;
  private readonly rebuild: Rebuild;
  private readonly presence: Presence;
  private readonly reachability: Reachability;
  private readonly healing: LinkHealing;
  private readonly admission: Admission;
  private readonly lobby: Lobby;
  private readonly hands: Hands;
  private readonly auto: AutoPilot;
  private readonly recordings: Recordings;
  private closed = false;
  private decoyHash: Promise<string> | null = null;

  constructor(options: RegistryOptions) {
    const { clock, maxPeersPerRoom } = options;
    const directory = this.directory;
    const lobby = new Lobby((roomId) => directory.room(roomId));
    const hands = new Hands((roomId) => directory.room(roomId));
    this.lobby = lobby;
    const recordings = new Recordings((roomId) => directory.room(roomId));
    this.hands = hands;
    this.recordings = recordings;
    // [P25] [P26] [P29] A timer that removes a peer (a grace running out) also drops its hand
    // and its recording, and one that empties a room closes its lobby.
    const onEffects = (effects: Effect[]) =>
      options.onEffects([...effects, ...hands.sweep(), ...recordings.sweep(), ...lobby.sweep()]);
    const isLive = (room: Parameters<Directory['isLive']>[0]) => directory.isLive(room);
    const proofs = createPlanProofs(options.planSecret);
    this.clock = clock;
    this.passwords = options.passwords ?? { hash: hashPassword, verify: verifyPassword };
    const auto = new AutoPilot({ clock, plans: () => this.plans, onEffects, isLive });
    this.auto = auto;
    this.plans = new PlanCycle({
      clock,
      onEffects,
      commitDeadlineMs: options.commitDeadlineMs,
      hooks: options.hooks,
      isLive,
      proofs,
      // [P28] An automatic room picks its topology before each plan, which then carries it.
      beforePlan: (room, exclude) => auto.decide(room, exclude).effects,
    });
    this.rebuild = new Rebuild({
      clock,
      graceMs: options.graceMs,
      maxExpected: maxPeersPerRoom,
      replan: (room) => this.plans.replan(room),
      onEffects,
      isLive,
    });
    this.healing = new LinkHealing({
      clock,
      plans: this.plans,
      onEffects,
      isLive,
      backoffMs: options.linkRetryBackoffMs,
    });
    this.presence = new Presence({
      healing: this.healing,
      clock,
      onEffects,
      graceMs: options.graceMs,
      directory,
      plans: this.plans,
      rebuild: this.rebuild,
    });
    this.reachability = new Reachability({
      clock,
      confirmMs: options.linkDownConfirmMs ?? LINK_DOWN_CONFIRM_MS,
      plans: this.plans,
      onEffects,
      isLive,
    });
    const resume = new Resume({
      directory,
      presence: this.presence,
      rebuild: this.rebuild,
      proofs,
      plans: this.plans,
      healing: this.healing,
      maxPeersPerRoom,
    });
    this.admission = new Admission({
      clock,
      maxPeersPerRoom,
      passwords: this.passwords,
      directory,
      plans: this.plans,
      resume,
      rebuild: this.rebuild,
      isClosed: () => this.closed,
      versionFloor: options.versionFloor ?? (() => 0),
      lobby,
    });
  }

  /** The peer a connection speaks for, if it has joined. */
  peerOf(conn: ConnId): { roomId: string; peerId: PeerId; host: boolean } | null {
    const seat = this.directory.seat(conn);
    if (!seat) return null;
    return { roomId: seat.room.id, peerId: seat.peer.id, host: seat.room.hostId === seat.peer.id };
  }

  /** Joins (or resumes into) a room; joins to one room run one at a time. */
  async join(input: JoinInput): Promise<Outcome<Joined>> {
    const outcome = await this.admission.join(input);
    // [P25] A member who comes (or comes back) sees who waits in the lobby.
    if (outcome.ok) {
      outcome.effects.push(...this.lobby.greet(input.roomId, input.conn));
      outcome.effects.push(...this.hands.greet(input.roomId, input.conn));
      outcome.effects.push(...this.recordings.greet(input.roomId, input.conn));
    }
    return outcome;
  }

  /** Leaves at once: the peer is removed and a new plan issued. */
  leave(conn: ConnId): Outcome {
    return this.seated(conn, ({ room, peer }) => ({
      ok: true,
      effects: [...this.presence.remove(room, peer, 'left'), ...this.sweep()],
    }));
  }

  /**
   * The connection is gone: keep the peer for the grace period, then remove it. A media hub
   * has no flaky network to wait for: it leaves at once and its room falls back (SPEC [P24]).
   */
  disconnect(conn: ConnId): Effect[] {
    const seat = this.directory.seat(conn);
    if (seat && isMediaServer(seat.peer))
      return [...this.presence.remove(seat.room, seat.peer, 'left'), ...this.sweep()];
    // [P25] A waiter that goes leaves the lobby; a member's room may empty with the lobby full.
    return [...this.lobby.drop(conn), ...this.presence.disconnect(conn), ...this.sweep()];
  }

  /** Relays a signal between two peers the committed or pending plan links with that epoch. */
  signal(conn: ConnId, req: RelayRequest): Outcome {
    return this.seated(conn, ({ room, peer }) => relay(room, peer, req));
  }

  /** Relays a frame-key message to one other member of the caller's room (SPEC [P33]). */
  e2eeKey(conn: ConnId, req: E2eeKeyRequest): Outcome {
    return this.seated(conn, ({ room, peer }) => relayE2eeKey(room, peer, req));
  }

  /** Records link states; a newly failed link is routed around with a new plan. */
  reportLinks(conn: ConnId, reports: LinkReports): Outcome {
    return this.seated(conn, ({ room, peer }) =>
      reportLinks(
        room,
        peer,
        reports,
        this.plans,
        this.clock.now(),
        this.reachability,
        this.healing,
      ),
    );
  }

  /**
   * Updates a peer's name, media flags or capacity hints and tells the others; an automatic room
   * decides again on the new hints (SPEC [P28]).
   */
  updatePeer(conn: ConnId, update: PeerUpdate): Outcome {
    return this.seated(conn, ({ room, peer }) => {
      const outcome = updatePeer(room, peer, update);
      if (outcome.ok && update.capacity !== undefined) {
        outcome.effects.push(...this.auto.evaluate(room));
      }
      return outcome;
    });
  }

  /** Switches the room's topology setting (and audio routing, null: as it is); a change issues a new plan. */
  setTopology(
    conn: ConnId,
    topology: TopologySetting,
    audioRouting: AudioRouting | null = null,
  ): Outcome<{ version: number }> {
    return this.seated(conn, ({ room, peer }) =>
      setTopology(room, peer, topology, this.plans, this.auto, audioRouting),
    );
  }

  /** Chooses the star hub (null: let the server elect); a change issues a new plan. */
  setHub(conn: ConnId, hub: PeerId | null): Outcome<{ version: number }> {
    return this.seated(conn, ({ room, peer }) => setHub(room, peer, hub, this.plans));
  }

  /** A peer receives every origin over the pending plan's routes. */
  planReady(conn: ConnId, version: number): Outcome {
    return this.seated(conn, ({ room, peer }) => this.plans.ready(room, peer, version));
  }

  /**
   * Host only (SPEC [P15]): policy, lock, and the password (hashed before it is stored; joins to
   * the room wait meanwhile, and the caller's seat is checked again afterwards).
   */
  async updateRoom(conn: ConnId, req: UpdateRoomRequest): Promise<Outcome> {
    const first = this.directory.seat(conn);
    if (!first) return fail('ERR_NOT_JOINED');
    if (!isHost(first.room, first.peer)) return fail('ERR_NOT_HOST');
    return this.admission.exclusive(first.room.id, async () => {
      const hash =
        typeof req.password === 'string' ? await this.passwords.hash(req.password) : req.password;
      return this.seated(conn, ({ room, peer }) => {
        if (this.closed) return fail('ERR_INTERNAL');
        if (!isHost(room, peer)) return fail('ERR_NOT_HOST');
        const wasLobby = room.lobby;
        const effects = applyRoomUpdate(room, req, hash);
        // [P25] Turning the lobby off lets everyone waiting in.
        if (wasLobby && !room.lobby) effects.push(...this.lobby.admitAll(room));
        return { ok: true, effects };
      });
    });
  }

  /** Host only: the target is told `ERR_REMOVED`, dropped, and leaves as `kicked`. */
  removePeer(conn: ConnId, target: PeerId): Outcome {
    return this.seated(conn, ({ room, peer }) => {
      if (!isHost(room, peer)) return fail('ERR_NOT_HOST');
      const victim = room.byId.get(target);
      if (victim === undefined) return fail('ERR_UNKNOWN_PEER');
      // Leaving is how a host removes itself; `removePeer` is for others.
      if (victim === peer) return fail('ERR_BAD_REQUEST');
      const notice = removalNotice(victim);
      const removed = this.presence.remove(room, victim, 'kicked');
      return { ok: true, effects: [...notice, ...removed, ...this.sweep()] };
    });
  }

  /** Raises or lowers the caller's hand; the host may lower another's (SPEC [P26]). */
  raiseHand(conn: ConnId, raised: boolean, target?: PeerId): Outcome {
    return this.seated(conn, ({ room, peer }) => this.hands.set(room, peer, raised, target));
  }

  /** Shows the caller's reaction to the room, within its reaction budget (SPEC [P26]). */
  react(conn: ConnId, reaction: Reaction): Outcome {
    return this.seated(conn, ({ room, peer }) =>
      this.hands.react(room, peer, reaction, this.clock.now()),
    );
  }

  /** Sets whether the caller records the call, within its toggle budget (SPEC [P29]). */
  setRecording(conn: ConnId, recording: boolean): Outcome {
    return this.seated(conn, ({ room, peer }) =>
      this.recordings.set(room, peer, recording, this.clock.now()),
    );
  }

  /** Host only (SPEC [P25]): lets lobby waiter `id` in, or turns it away. */
  answerLobby(conn: ConnId, id: string, admit: boolean): Outcome {
    return this.seated(conn, ({ room, peer }) => this.lobby.answer(room, peer, id, admit));
  }

  /** Host only: hands the role to another member. */
  transferHost(conn: ConnId, target: PeerId): Outcome {
    return this.seated(conn, ({ room, peer }) => transferHost(room, peer, target));
  }

  /** [P20] A room's live state for read-only views (the room feed); callers never change it. */
  inspect(roomId: string): Readonly<RoomState> | undefined {
    return this.directory.room(roomId);
  }

  /**
   * [P20] Whether `password` opens an existing room (any, or none, opens a room without one).
   * An unknown room costs one hash check too, so timing does not tell it from a wrong password.
   */
  async checkPassword(roomId: string, password: string | null): Promise<boolean> {
    const hash = this.directory.room(roomId)?.passwordHash;
    if (hash === null) return true;
    if (password === null) return false;
    if (hash === undefined) {
      this.decoyHash ??= this.passwords.hash('decoy');
      await this.passwords.verify(password, await this.decoyHash);
      return false;
    }
    const ok = await this.passwords.verify(password, hash);
    // Checked again after the wait: the room may have gone, or its password changed, meanwhile.
    return ok && this.directory.room(roomId)?.passwordHash === hash;
  }

  /** The ids of the rooms this registry holds. */
  roomIds(): string[] {
    return [...this.directory.allRooms()].map((room) => room.id);
  }

  /**
   * Drops a room and its timers without telling anyone (its peers are told by the node that runs
   * it next, which rebuilds it from their resumes). For a cluster node that lost a room's lease.
   */
  forget(roomId: string): void {
    const room = this.directory.room(roomId);
    if (!room) return;
    for (const peer of room.peers) {
      if (peer.conn !== null) this.directory.stand(peer.conn);
      // Not retired: the peer's resume restores the same id on the node that takes the room.
      this.directory.release(peer.id);
    }
    this.presence.deleteRoom(room);
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
      peers: room.peers.map(peerInfo),
      expected: [...(room.rebuild?.expected ?? [])],
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
    this.auto.close();
    this.rebuild.close();
    this.presence.close();
    this.reachability.close();
    this.healing.close();
    this.lobby.clear();
    this.hands.clear();
    this.recordings.clear();
    this.directory.clear();
  }

  /** Hands and recorders of peers who are gone, and lobbies of rooms that are gone. */
  private sweep(): Effect[] {
    return [...this.hands.sweep(), ...this.recordings.sweep(), ...this.lobby.sweep()];
  }

  private seated<T extends object>(conn: ConnId, run: (seat: Seat) => Outcome<T>): Outcome<T> {
    const seat = this.directory.seat(conn);
    return seat ? run(seat) : fail('ERR_NOT_JOINED');
  }
}
