import { type Clock, type Logger, Timers } from '@meshwork/kit';
import type {
  AudioRouting,
  E2eeKeyRequest,
  PeerId,
  Reaction,
  TopologySetting,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import { fail } from '../registry/effects';
import type { RoomRegistry } from '../registry/RoomRegistry';
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
import type { Deliver } from '../server/delivery';
import type { RoomService } from '../server/roomService';
import { type NodeRpc, RPC_TIMEOUT_MS, type RpcRequest, RpcTimeout } from './NodeRpc';
import type { RedisLink } from './RedisLink';
import type { RoomLease } from './RoomLease';

/** Pause between join attempts while a room's lease still names a node that does not answer. */
export const JOIN_RETRY_MS = 250;

/** The registry calls a node forwards to a room's owner (nothing else is run for a peer node). */
const FORWARDED = [
  'join',
  'leave',
  'disconnect',
  'signal',
  'e2eeKey',
  'reportLinks',
  'updatePeer',
  'setTopology',
  'setHub',
  'planReady',
  'updateRoom',
  'removePeer',
  'transferHost',
  'answerLobby',
  'raiseHand',
  'react',
  'setRecording',
] as const;
type Op = (typeof FORWARDED)[number];
const isOp = (op: string): op is Op => (FORWARDED as readonly string[]).includes(op);

/** The owner's answer when it no longer runs the room. */
const MOVED = { moved: true } as const;
const isMoved = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && 'moved' in value;

/** A connection of this node that joined a room, and the node running that room then. */
interface LocalSeat {
  roomId: string;
  peerId: PeerId;
  owner: string;
}

/** What a cluster node's rooms need. */
export interface ClusterRoomsDeps {
  nodeId: string;
  /** The rooms this node owns run here. */
  registry: RoomRegistry;
  lease: RoomLease;
  rpc: NodeRpc;
  redis: RedisLink;
  leaseMs: number;
  clock: Clock;
  logger: Logger;
  /** Delivers effects of requests other nodes forwarded here (through the adapter). */
  deliver: Deliver;
  /** Drops a socket of this node, so its client reconnects and resumes where its room runs now. */
  kick(conn: ConnId): void;
  /** Records the shared secrets again (and opens a recovery window) after Redis came back empty. */
  recheckSecrets(): Promise<void>;
  /** Counts a request sent to another node. */
  forwarded?(op: Op): void;
}

/**
 * A cluster node's rooms (see the README's "Several nodes"): each room runs on the node holding
 * its lease in Redis; this node runs its own rooms' registry calls itself and forwards the rest
 * to their owners, whose effects reach sockets on any node through the Socket.IO adapter. It
 * renews its leases, gives up rooms it no longer has, and drops its sockets whose room moved
 * (the owner died or lost the lease) so their clients resume on the room's new owner, which
 * rebuilds the room from those resumes ([P16]) without a peer connection rebuilt.
 */
export class ClusterRooms implements RoomService {
  readonly #seats = new Map<ConnId, LocalSeat>();
  readonly #owned = new Set<string>();
  readonly #floors = new Map<string, number>();
  readonly #joining = new Map<string, number>();
  readonly #ownerMissingSince = new Map<string, number>();
  readonly #timers: Timers<'tick'>;
  #redisReadies = 0;
  #started = false;
  #closed = false;

  constructor(private readonly deps: ClusterRoomsDeps) {
    this.#timers = new Timers(deps.clock);
    deps.redis.commands.on('ready', () => {
      this.#redisReadies++;
    });
  }

  /** Starts renewing leases and watching the rooms of this node's sockets. */
  start(): void {
    this.#started = true;
    this.#redisReadies = 0;
    this.#schedule();
  }

  /** Answers a request another node forwarded to this room's owner. */
  async serve(req: RpcRequest): Promise<{ result: unknown; after?: () => void }> {
    const { registry, deliver } = this.deps;
    if (!isOp(req.op) || !this.#owned.has(req.roomId)) return { result: MOVED };
    const args = req.args as never[];
    const call = registry[req.op] as (...a: never[]) => unknown;
    if (req.op === 'join') this.#enter(req.roomId);
    let answer: unknown;
    try {
      answer = await call.apply(registry, args);
    } finally {
      if (req.op === 'join') this.#exit(req.roomId);
    }
    // The owner delivers every effect of its rooms itself, after the answer is on its way, so a
    // room's events leave through one connection in the registry's order.
    if (Array.isArray(answer)) return { result: [], after: () => deliver(answer as Effect[]) };
    const outcome = answer as Outcome;
    return { result: { ...outcome, effects: [] }, after: () => deliver(outcome.effects) };
  }

  /** The version a room this node takes over starts above (the last one Redis holds). */
  floorOf(roomId: string): number {
    return this.#floors.get(roomId) ?? 0;
  }

  /** Stores a version a room of this node issued, so the next owner counts on from it. */
  planIssued(roomId: string, version: number): void {
    if (!this.#owned.has(roomId)) return;
    this.deps.lease.raiseVersion(roomId, version).catch((err: unknown) => {
      this.deps.logger.debug('could not store a plan version', { err, roomId, version });
    });
  }

  /** Rooms this node runs. */
  ownedRooms(): number {
    return this.#owned.size;
  }

  peerOf(conn: ConnId): { roomId: string; peerId: PeerId } | null {
    const seat = this.#seats.get(conn);
    return seat ? { roomId: seat.roomId, peerId: seat.peerId } : null;
  }

  /**
   * Joins where the room runs: here if this node holds (or takes) its lease, else at its owner.
   * While the lease names a node that does not answer (killed), retries until the lease lapses
   * and this node can take the room. Without Redis: `ERR_CLUSTER_UNAVAILABLE`, never a second
   * copy of the room.
   */
  async join(input: JoinInput): Promise<Outcome<Joined>> {
    const { clock, nodeId, rpc } = this.deps;
    const deadline = clock.now() + this.deps.leaseMs + 2 * RPC_TIMEOUT_MS;
    this.#enter(input.roomId);
    try {
      for (;;) {
        if (this.#closed || !this.#started || this.deps.redis.state !== 'up')
          return fail('ERR_CLUSTER_UNAVAILABLE');
        let owner: string | null;
        try {
          owner = await this.#claim(input.roomId);
        } catch {
          return fail('ERR_CLUSTER_UNAVAILABLE');
        }
        if (owner === null) {
          // Redis came back empty: owners take their rooms back first.
          if (clock.now() > deadline) return fail('ERR_CLUSTER_UNAVAILABLE');
          await new Promise<void>((resolve) => clock.setTimeout(resolve, JOIN_RETRY_MS));
          continue;
        }
        let outcome: Outcome<Joined>;
        if (owner === nodeId) {
          outcome = await this.deps.registry.join(input);
        } else {
          let answer: unknown;
          try {
            this.deps.forwarded?.('join');
            answer = await rpc.call(owner, 'join', input.roomId, [input]);
          } catch (err) {
            if (!(err instanceof RpcTimeout) || clock.now() > deadline)
              return fail('ERR_CLUSTER_UNAVAILABLE');
            await new Promise<void>((resolve) => clock.setTimeout(resolve, JOIN_RETRY_MS));
            continue;
          }
          if (isMoved(answer)) continue;
          outcome = answer as Outcome<Joined>;
        }
        if (outcome.ok) {
          this.#seats.set(input.conn, { roomId: input.roomId, peerId: outcome.peerId, owner });
        }
        return outcome;
      }
    } finally {
      this.#exit(input.roomId);
    }
  }

  async leave(conn: ConnId): Promise<Outcome> {
    const outcome = await this.#seated(conn, 'leave', [], () => this.deps.registry.leave(conn));
    if (outcome.ok) this.#seats.delete(conn);
    return outcome;
  }

  async disconnect(conn: ConnId): Promise<Effect[]> {
    const seat = this.#seats.get(conn);
    if (!seat) return [];
    this.#seats.delete(conn);
    if (seat.owner === this.deps.nodeId) return this.deps.registry.disconnect(conn);
    try {
      this.deps.forwarded?.('disconnect');
      await this.deps.rpc.call(seat.owner, 'disconnect', seat.roomId, [conn]);
    } catch {
      // The owner is gone: the room's next owner never knew this connection.
    }
    return [];
  }

  signal(conn: ConnId, req: RelayRequest): Promise<Outcome> {
    return this.#seated(conn, 'signal', [req], () => this.deps.registry.signal(conn, req));
  }

  e2eeKey(conn: ConnId, req: E2eeKeyRequest): Promise<Outcome> {
    return this.#seated(conn, 'e2eeKey', [req], () => this.deps.registry.e2eeKey(conn, req));
  }

  reportLinks(conn: ConnId, reports: LinkReports): Promise<Outcome> {
    return this.#seated(conn, 'reportLinks', [reports], () =>
      this.deps.registry.reportLinks(conn, reports),
    );
  }

  updatePeer(conn: ConnId, update: PeerUpdate): Promise<Outcome> {
    return this.#seated(conn, 'updatePeer', [update], () =>
      this.deps.registry.updatePeer(conn, update),
    );
  }

  setTopology(
    conn: ConnId,
    topology: TopologySetting,
    audioRouting: AudioRouting | null = null,
  ): Promise<Outcome<{ version: number }>> {
    return this.#seated(conn, 'setTopology', [topology, audioRouting], () =>
      this.deps.registry.setTopology(conn, topology, audioRouting),
    );
  }

  setHub(conn: ConnId, hub: PeerId | null): Promise<Outcome<{ version: number }>> {
    return this.#seated(conn, 'setHub', [hub], () => this.deps.registry.setHub(conn, hub));
  }

  planReady(conn: ConnId, version: number): Promise<Outcome> {
    return this.#seated(conn, 'planReady', [version], () =>
      this.deps.registry.planReady(conn, version),
    );
  }

  updateRoom(conn: ConnId, req: UpdateRoomRequest): Promise<Outcome> {
    return this.#seated(conn, 'updateRoom', [req], () => this.deps.registry.updateRoom(conn, req));
  }

  removePeer(conn: ConnId, target: PeerId): Promise<Outcome> {
    return this.#seated(conn, 'removePeer', [target], () =>
      this.deps.registry.removePeer(conn, target),
    );
  }

  transferHost(conn: ConnId, target: PeerId): Promise<Outcome> {
    return this.#seated(conn, 'transferHost', [target], () =>
      this.deps.registry.transferHost(conn, target),
    );
  }

  answerLobby(conn: ConnId, id: string, admit: boolean): Promise<Outcome> {
    return this.#seated(conn, 'answerLobby', [id, admit], () =>
      this.deps.registry.answerLobby(conn, id, admit),
    );
  }

  raiseHand(conn: ConnId, raised: boolean, target?: PeerId): Promise<Outcome> {
    return this.#seated(conn, 'raiseHand', [raised, target], () =>
      this.deps.registry.raiseHand(conn, raised, target),
    );
  }

  react(conn: ConnId, reaction: Reaction): Promise<Outcome> {
    return this.#seated(conn, 'react', [reaction], () => this.deps.registry.react(conn, reaction));
  }

  setRecording(conn: ConnId, recording: boolean): Promise<Outcome> {
    return this.#seated(conn, 'setRecording', [recording], () =>
      this.deps.registry.setRecording(conn, recording),
    );
  }

  /** Stops the timers and gives up this node's leases (best effort). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#timers.clearAll();
    const owned = [...this.#owned];
    this.#owned.clear();
    await Promise.allSettled(owned.map((roomId) => this.deps.lease.release(roomId)));
  }

  /** Runs a seated connection's call where its room runs. */
  async #seated<T extends object>(
    conn: ConnId,
    op: Op,
    args: unknown[],
    local: () => Outcome<T> | Promise<Outcome<T>>,
  ): Promise<Outcome<T>> {
    const seat = this.#seats.get(conn);
    if (!seat) return fail('ERR_NOT_JOINED');
    let outcome: Outcome<T>;
    if (seat.owner === this.deps.nodeId) {
      if (!this.#owned.has(seat.roomId)) return this.#moved(conn);
      outcome = await local();
    } else {
      let answer: unknown;
      try {
        this.deps.forwarded?.(op);
        answer = await this.deps.rpc.call(seat.owner, op, seat.roomId, [conn, ...args]);
      } catch (err) {
        this.deps.logger.debug('forwarding failed', { op, err });
        return fail('ERR_CLUSTER_UNAVAILABLE');
      }
      if (isMoved(answer)) return this.#moved(conn);
      outcome = answer as Outcome<T>;
    }
    // The owner does not know the connection: it took the room over and waits for a resume.
    if (!outcome.ok && outcome.error === 'ERR_NOT_JOINED') this.#resumeElsewhere(conn);
    return outcome;
  }

  #moved<T extends object>(conn: ConnId): Outcome<T> {
    this.#resumeElsewhere(conn);
    return fail('ERR_CLUSTER_UNAVAILABLE');
  }

  /** Drops a socket whose room moved: its client reconnects and resumes with its token. */
  #resumeElsewhere(conn: ConnId): void {
    if (!this.#seats.delete(conn)) return;
    this.deps.logger.info('room moved: dropping a socket so it resumes', { conn });
    this.deps.kick(conn);
  }

  /** Takes the room's lease if it is free (reading the version to count on from) or renews ours. */
  async #claim(roomId: string): Promise<string | null> {
    const owner = await this.deps.lease.acquire(roomId);
    if (owner === this.deps.nodeId && !this.#owned.has(roomId)) {
      this.#floors.set(roomId, await this.deps.lease.version(roomId));
      this.#owned.add(roomId);
    }
    return owner;
  }

  #enter(roomId: string): void {
    this.#joining.set(roomId, (this.#joining.get(roomId) ?? 0) + 1);
  }

  #exit(roomId: string): void {
    const n = (this.#joining.get(roomId) ?? 1) - 1;
    if (n > 0) this.#joining.set(roomId, n);
    else this.#joining.delete(roomId);
  }

  #schedule(): void {
    if (this.#closed) return;
    this.#timers.set('tick', Math.max(100, Math.floor(this.deps.leaseMs / 3)), () => {
      this.#tick().then(
        () => this.#schedule(),
        (err: unknown) => {
          this.deps.logger.warn('cluster tick failed', { err });
          this.#schedule();
        },
      );
    });
  }

  async #tick(): Promise<void> {
    if (this.deps.redis.state !== 'up') return;
    const reconnected = this.#redisReadies > 0;
    this.#redisReadies = 0;
    if (reconnected) {
      await this.deps.recheckSecrets().catch((err: unknown) => {
        this.deps.logger.error('shared secrets check failed after Redis came back', { err });
      });
    }
    await this.#renew(reconnected);
    await this.#watch();
  }

  /** Renews this node's leases; rooms gone from the registry are given up, lost ones dropped. */
  async #renew(reconnected: boolean): Promise<void> {
    const { registry, lease, nodeId } = this.deps;
    for (const roomId of [...this.#owned]) {
      if (registry.inspect(roomId) === undefined && !this.#joining.has(roomId)) {
        this.#owned.delete(roomId);
        this.#floors.delete(roomId);
        await lease.release(roomId).catch(() => {});
        continue;
      }
      let holder: string | null;
      try {
        holder = await lease.acquire(roomId, 'renew');
      } catch {
        return;
      }
      if (holder !== nodeId) {
        this.#drop(roomId);
        continue;
      }
      // A restarted Redis holds nothing: the version goes back before anyone could need it.
      const version = registry.inspect(roomId)?.version;
      if (reconnected && version !== undefined)
        await lease.raiseVersion(roomId, version).catch(() => {});
    }
  }

  /** A room another node runs changed hands: this node's sockets in it resume at the new owner. */
  async #watch(): Promise<void> {
    const { lease, nodeId, clock, leaseMs } = this.deps;
    const rooms = [
      ...new Set([...this.#seats.values()].filter((s) => s.owner !== nodeId).map((s) => s.roomId)),
    ];
    for (const roomId of this.#ownerMissingSince.keys()) {
      if (!rooms.includes(roomId)) this.#ownerMissingSince.delete(roomId);
    }
    let holders: (string | null)[];
    try {
      holders = await lease.owners(rooms);
    } catch {
      return;
    }
    const now = clock.now();
    rooms.forEach((roomId, i) => {
      const holder = holders[i] ?? null;
      if (holder === null) {
        // Absent for a moment is a restarted Redis its owner has not renewed into yet; absent
        // past a lease is an owner that died with nobody taking the room since.
        const since = this.#ownerMissingSince.get(roomId) ?? now;
        this.#ownerMissingSince.set(roomId, since);
        if (now - since <= leaseMs) return;
      } else {
        this.#ownerMissingSince.delete(roomId);
      }
      for (const [conn, seat] of [...this.#seats]) {
        if (seat.roomId === roomId && seat.owner !== holder) this.#resumeElsewhere(conn);
      }
    });
  }

  /** This node lost a room's lease: it forgets the room; its sockets resume at the new owner. */
  #drop(roomId: string): void {
    this.deps.logger.warn('lost the lease of a room', { roomId });
    this.#owned.delete(roomId);
    this.#floors.delete(roomId);
    this.deps.registry.forget(roomId);
    for (const [conn, seat] of [...this.#seats]) {
      if (seat.roomId === roomId) this.#resumeElsewhere(conn);
    }
  }
}
