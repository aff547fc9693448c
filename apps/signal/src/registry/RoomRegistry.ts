import { randomBytes } from 'node:crypto';
import { computeRoomPlan, linkKey, parseLinkKey } from '@meshwork/mesh/plan';
import type { ErrorCode, PeerId, PeerPlan, Topology } from '@meshwork/protocol';
import { KeyedLock } from './KeyedLock';
import { hashPassword, verifyPassword } from './password';
import { RetiredIds } from './RetiredIds';
import {
  insertPeer,
  latestPlan,
  linkedAtAll,
  linkedWithEpoch,
  linksDigest,
  newRoom,
  type PeerState,
  peerInfo,
  planOf,
  type RoomState,
  removeFromRoom,
  roomLinks,
  roomSettings,
  roomSnapshot,
  storePlan,
} from './Room';
import type {
  ConnId,
  Effect,
  Emit,
  Joined,
  JoinInput,
  LinkReports,
  Outcome,
  PeerUpdate,
  RegistryOptions,
  RelayRequest,
  ResumeRequest,
} from './types';

/** How long a prepared plan waits for every connected peer's `planReady` before committing. */
export const PLAN_COMMIT_DEADLINE_MS = 10_000;
// Retired ids are remembered long enough to outlive any resume token still in a browser tab.
const RETIRED_IDS_MAX = 100_000;
const RETIRED_IDS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
const NO_MEDIA = { audio: false, video: false, screen: false } as const;

function fail(error: ErrorCode): { ok: false; error: ErrorCode; effects: Effect[] } {
  return { ok: false, error, effects: [] };
}

function emit<E extends Emit['event']>(
  conn: ConnId,
  event: E,
  payload: Extract<Emit, { event: E }>['payload'],
): Effect {
  return { type: 'emit', conn, event, payload } as Effect;
}

/** Counts of what the registry holds, for health and metrics. */
export interface RegistryStats {
  rooms: number;
  peers: number;
  connectedPeers: number;
}

/**
 * Rooms, peers and their plans, with no transport: every method returns its result and the
 * effects (who gets which event) for the caller to deliver. Timers report through
 * `options.onEffects`.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, RoomState>();
  private readonly conns = new Map<ConnId, { room: RoomState; peer: PeerState }>();
  private readonly peerIds = new Set<PeerId>();
  private readonly retired = new RetiredIds(RETIRED_IDS_MAX, RETIRED_IDS_MAX_AGE_MS);
  private readonly joinLock = new KeyedLock();
  private readonly passwords: NonNullable<RegistryOptions['passwords']>;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: RegistryOptions) {
    this.passwords = options.passwords ?? { hash: hashPassword, verify: verifyPassword };
  }

  /** The peer a connection speaks for, if it has joined. */
  peerOf(conn: ConnId): { roomId: string; peerId: PeerId } | null {
    const at = this.conns.get(conn);
    return at ? { roomId: at.room.id, peerId: at.peer.id } : null;
  }

  /**
   * Joins (or resumes into) a room. Joins to one room run one at a time; the password check
   * is the only asynchronous step, and the room is re-read after it.
   */
  join(input: JoinInput): Promise<Outcome<Joined>> {
    return this.joinLock.run(input.roomId, async () => {
      if (this.closed) return fail('ERR_INTERNAL');
      if (this.conns.has(input.conn)) return fail('ERR_ALREADY_JOINED');
      const room = this.rooms.get(input.roomId);
      let hash: string | null = null;
      if (room?.passwordHash) {
        const ok =
          input.password !== undefined &&
          (await this.passwords.verify(input.password, room.passwordHash));
        if (!ok) return fail('ERR_AUTH_FAILED');
        hash = room.passwordHash;
      } else if (room === undefined && input.password !== undefined) {
        hash = await this.passwords.hash(input.password);
      }
      if (this.closed) return fail('ERR_INTERNAL');
      if (this.conns.has(input.conn)) return fail('ERR_ALREADY_JOINED');
      return this.admit(input, hash);
    });
  }

  private admit(input: JoinInput, hash: string | null): Outcome<Joined> {
    const now = this.options.clock.now();
    const resume = input.resume;
    let room = this.rooms.get(input.roomId);
    if (resume && room) {
      const existing = room.byId.get(resume.peerId);
      if (existing && existing.joinedAt === resume.joinedAt)
        return this.reattach(room, existing, input);
    }
    const restore =
      resume !== undefined &&
      !this.peerIds.has(resume.peerId) &&
      !this.retired.has(resume.peerId, now);
    if (room && room.peers.length >= this.options.maxPeersPerRoom) return fail('ERR_ROOM_FULL');
    const created = room === undefined;
    if (room === undefined) {
      room = newRoom(input.roomId, hash);
      this.rooms.set(room.id, room);
    }
    if (restore && resume.hints) {
      // A restarted server rebuilds the room from what its peers remember; versions never go back.
      if (created) {
        room.topology = resume.hints.topology;
        room.hubPreference = resume.hints.hubPreference;
        this.holdPlaceholders(room, resume.peerId, resume.hints, now);
      }
      room.version = Math.max(room.version, resume.hints.planVersion);
    }
    const peer: PeerState = {
      id: restore ? resume.peerId : this.newPeerId(now),
      displayName: input.displayName,
      joinedAt: restore ? resume.joinedAt : now,
      seq: ++this.seq,
      media: { ...NO_MEDIA, ...input.media },
      capacity: { ...input.capacity },
      conn: input.conn,
      placeholder: false,
      graceTimer: null,
    };
    insertPeer(room, peer);
    this.conns.set(input.conn, { room, peer });
    this.peerIds.add(peer.id);
    if (restore && resume.hints) this.rememberEpochs(room, peer, resume.hints);
    const effects = this.toOthers(room, peer.id, (conn) =>
      emit(conn, 'peerJoined', peerInfo(peer)),
    );
    const issued = this.issuePlan(room, peer.id);
    effects.push(...issued.effects, ...this.linksChanged(room, peer.id));
    return {
      ok: true,
      effects,
      ...this.joined(room, peer, issued.plans.get(peer.id)),
      resumed: restore,
    };
  }

  /** The same identity comes back within grace, or replaces a socket that has not died yet. */
  private reattach(room: RoomState, peer: PeerState, input: JoinInput): Outcome<Joined> {
    const effects: Effect[] = [];
    if (peer.conn !== null) {
      this.conns.delete(peer.conn);
      effects.push({ type: 'disconnect', conn: peer.conn });
    }
    this.options.clock.clearTimeout(peer.graceTimer);
    peer.graceTimer = null;
    peer.conn = input.conn;
    peer.displayName = input.displayName;
    if (input.media) peer.media = { ...input.media };
    if (input.capacity) peer.capacity = { ...input.capacity };
    this.conns.set(input.conn, { room, peer });
    effects.push(
      ...this.toOthers(room, peer.id, (conn) => emit(conn, 'peerUpdated', peerInfo(peer))),
    );
    let plan: PeerPlan | undefined;
    if (peer.placeholder) {
      peer.placeholder = false;
      if (input.resume?.hints && this.rememberEpochs(room, peer, input.resume.hints)) {
        // The epochs it remembers differ from the rebuilt plan's: re-plan before the ack.
        const issued = this.issuePlan(room, peer.id);
        plan = issued.plans.get(peer.id);
        effects.push(
          ...issued.effects,
          ...this.maybeCommit(room),
          ...this.linksChanged(room, peer.id),
        );
      }
    }
    // The ack carries the newest plan; if it is already committed, say so right after the ack.
    if (room.pending === null && room.committed !== null) {
      effects.push(emit(input.conn, 'planCommitted', { version: room.committed.version }));
    }
    return { ok: true, effects, ...this.joined(room, peer, plan), resumed: true };
  }

  /**
   * Holds the peers a resuming client remembers as disconnected placeholders of a rebuilt room,
   * so the first plans keep their links while they resume (SPEC [P9]).
   */
  private holdPlaceholders(
    room: RoomState,
    self: PeerId,
    hints: NonNullable<ResumeRequest['hints']>,
    now: number,
  ): void {
    for (const hinted of hints.peers ?? []) {
      if (room.peers.length >= this.options.maxPeersPerRoom - 1) break;
      if (hinted.id === self || this.peerIds.has(hinted.id) || this.retired.has(hinted.id, now))
        continue;
      const peer: PeerState = {
        id: hinted.id,
        displayName: hinted.displayName,
        joinedAt: hinted.joinedAt,
        seq: ++this.seq,
        media: { ...NO_MEDIA },
        capacity: {},
        conn: null,
        placeholder: true,
        graceTimer: null,
      };
      insertPeer(room, peer);
      this.peerIds.add(peer.id);
      this.armGrace(room, peer);
    }
  }

  /**
   * Remembers the epochs a resuming peer holds for links towards peers that have not resumed
   * yet, and forgets those between two resumed peers. Returns whether the latest plan disagrees.
   */
  private rememberEpochs(
    room: RoomState,
    peer: PeerState,
    hints: NonNullable<ResumeRequest['hints']>,
  ): boolean {
    for (const link of hints.links ?? []) {
      const other = room.byId.get(link.peer);
      if (other?.placeholder) room.rememberedEpochs.set(linkKey(peer.id, other.id), link.epoch);
    }
    for (const key of room.rememberedEpochs.keys()) {
      const ends = parseLinkKey(key).map((id) => room.byId.get(id));
      if (ends.every((p) => p !== undefined && !p.placeholder)) room.rememberedEpochs.delete(key);
    }
    const epochs = latestPlan(room)?.epochs;
    return (hints.links ?? []).some((link) => {
      const key = linkKey(peer.id, link.peer);
      return epochs?.has(key) === true && epochs.get(key) !== link.epoch;
    });
  }

  /** The join result; `fresh` is the peer's part of a plan just computed, if there is one. */
  private joined(room: RoomState, peer: PeerState, fresh?: PeerPlan): Omit<Joined, 'resumed'> {
    const latest = latestPlan(room);
    if (latest === null) throw new Error(`No plan in room ${room.id}`);
    const plan = fresh ?? planOf(latest, peer.id);
    return {
      peerId: peer.id,
      joinedAt: peer.joinedAt,
      room: roomSnapshot(room, this.options.maxPeersPerRoom),
      plan,
    };
  }

  private newPeerId(now: number): PeerId {
    for (;;) {
      const id = randomBytes(12).toString('base64url');
      if (!this.peerIds.has(id) && !this.retired.has(id, now)) return id;
    }
  }

  /** Leaves at once: the peer is removed and a new plan issued. */
  leave(conn: ConnId): Outcome {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    return { ok: true, effects: this.removePeer(at.room, at.peer, 'left') };
  }

  /** The connection is gone: keep the peer for the grace period, then remove it. */
  disconnect(conn: ConnId): Effect[] {
    const at = this.conns.get(conn);
    if (!at) return [];
    const { room, peer } = at;
    this.conns.delete(conn);
    peer.conn = null;
    if (this.options.graceMs <= 0) return this.removePeer(room, peer, 'timeout');
    this.armGrace(room, peer);
    const effects = this.toOthers(room, peer.id, (c) => emit(c, 'peerUpdated', peerInfo(peer)));
    effects.push(...this.maybeCommit(room));
    return effects;
  }

  private armGrace(room: RoomState, peer: PeerState): void {
    peer.graceTimer = this.options.clock.setTimeout(() => {
      peer.graceTimer = null;
      if (peer.conn !== null || !room.peers.includes(peer)) return;
      this.options.onEffects(this.removePeer(room, peer, 'timeout'));
    }, this.options.graceMs);
  }

  private removePeer(room: RoomState, peer: PeerState, reason: 'left' | 'timeout'): Effect[] {
    const now = this.options.clock.now();
    this.options.clock.clearTimeout(peer.graceTimer);
    peer.graceTimer = null;
    if (peer.conn !== null) this.conns.delete(peer.conn);
    peer.conn = null;
    removeFromRoom(room, peer);
    room.ready.delete(peer.id);
    this.peerIds.delete(peer.id);
    this.retired.add(peer.id, now);
    for (const key of [
      ...room.reports.keys(),
      ...room.failedLinks,
      ...room.rememberedEpochs.keys(),
    ]) {
      if (parseLinkKey(key).includes(peer.id)) {
        room.reports.delete(key);
        room.failedLinks.delete(key);
        room.rememberedEpochs.delete(key);
      }
    }
    const effects = this.toOthers(room, null, (c) =>
      emit(c, 'peerLeft', { peerId: peer.id, reason }),
    );
    if (room.peers.length === 0) {
      this.deleteRoom(room);
      return effects;
    }
    if (room.hubPreference === peer.id) {
      room.hubPreference = null;
      effects.push(
        ...this.toOthers(room, null, (c) => emit(c, 'settingsChanged', roomSettings(room))),
      );
    }
    effects.push(...this.replan(room));
    return effects;
  }

  private deleteRoom(room: RoomState): void {
    this.options.clock.clearTimeout(room.deadlineTimer);
    room.deadlineTimer = null;
    for (const peer of room.peers) this.options.clock.clearTimeout(peer.graceTimer);
    this.rooms.delete(room.id);
  }

  /** Relays a signal between two peers the committed or pending plan links with that epoch. */
  signal(conn: ConnId, req: RelayRequest): Outcome {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    const { room, peer } = at;
    const target = room.byId.get(req.to);
    if (target === undefined || !linkedWithEpoch(room, peer.id, req.to, req.epoch))
      return fail('ERR_NOT_LINKED');
    // A peer in its grace period misses the signal; it renegotiates when it is back.
    if (target.conn === null) return { ok: true, effects: [] };
    const relayed = { from: peer.id, epoch: req.epoch, signal: req.signal };
    return { ok: true, effects: [emit(target.conn, 'signal', relayed)] };
  }

  /** Records link states; a newly failed link is routed around with a new plan. */
  reportLinks(conn: ConnId, reports: LinkReports): Outcome {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    const { room, peer } = at;
    let failedNow = false;
    for (const report of reports) {
      // Reports about peers the plans do not link are stale views of an older plan; skip them.
      if (!room.byId.has(report.peer)) continue;
      if (!linkedAtAll(room, peer.id, report.peer)) continue;
      const key = linkKey(peer.id, report.peer);
      room.reports.set(key, { state: report.state, rttMs: report.rttMs ?? null });
      if (report.state === 'failed' && !room.failedLinks.has(key)) {
        room.failedLinks.add(key);
        failedNow = true;
      }
    }
    const effects = failedNow ? this.replan(room) : this.linksChanged(room, null);
    return { ok: true, effects };
  }

  /** Updates a peer's name, media flags or capacity hints and tells the others. */
  updatePeer(conn: ConnId, update: PeerUpdate): Outcome {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    const { room, peer } = at;
    const before = JSON.stringify(peerInfo(peer));
    if (update.displayName !== undefined) peer.displayName = update.displayName;
    const { audio, video, screen } = update.media ?? {};
    peer.media = {
      audio: audio ?? peer.media.audio,
      video: video ?? peer.media.video,
      screen: screen ?? peer.media.screen,
    };
    if (update.capacity) peer.capacity = { ...update.capacity };
    if (JSON.stringify(peerInfo(peer)) === before) return { ok: true, effects: [] };
    const effects = this.toOthers(room, peer.id, (c) => emit(c, 'peerUpdated', peerInfo(peer)));
    return { ok: true, effects };
  }

  /** Switches the room's topology; a change issues a new plan. */
  setTopology(conn: ConnId, topology: Topology): Outcome<{ version: number }> {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    const { room } = at;
    if (room.topology === topology) return { ok: true, effects: [], version: room.version };
    room.topology = topology;
    return { ok: true, effects: this.settingsChanged(room), version: room.version };
  }

  /** Chooses the star hub (null: let the server elect); a change issues a new plan. */
  setHub(conn: ConnId, hub: PeerId | null): Outcome<{ version: number }> {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    const { room } = at;
    if (hub !== null && !room.byId.has(hub)) return fail('ERR_UNKNOWN_PEER');
    if (room.hubPreference === hub) return { ok: true, effects: [], version: room.version };
    room.hubPreference = hub;
    return { ok: true, effects: this.settingsChanged(room), version: room.version };
  }

  /** A peer receives every origin over the pending plan's routes. */
  planReady(conn: ConnId, version: number): Outcome {
    const at = this.conns.get(conn);
    if (!at) return fail('ERR_NOT_JOINED');
    const { room, peer } = at;
    if (room.pending?.version === version) {
      room.ready.add(peer.id);
      return { ok: true, effects: this.maybeCommit(room) };
    }
    // Late for a plan the deadline already committed: nothing left to do.
    if (room.pending === null && room.committed?.version === version)
      return { ok: true, effects: [] };
    return fail('ERR_STALE_PLAN');
  }

  private settingsChanged(room: RoomState): Effect[] {
    const effects = this.toOthers(room, null, (c) =>
      emit(c, 'settingsChanged', roomSettings(room)),
    );
    effects.push(...this.replan(room));
    return effects;
  }

  /** A new plan for everyone, then commit if nobody needs to confirm, then the link list. */
  private replan(room: RoomState): Effect[] {
    return [
      ...this.issuePlan(room, null).effects,
      ...this.maybeCommit(room),
      ...this.linksChanged(room, null),
    ];
  }

  /**
   * Prepares the next plan version; a newer prepare supersedes a pending one. Returns the
   * effects and every peer's part, which the registry does not keep.
   */
  private issuePlan(
    room: RoomState,
    exclude: PeerId | null,
  ): { effects: Effect[]; plans: ReadonlyMap<PeerId, PeerPlan> } {
    room.version += 1;
    const prevEpochs = new Map(room.committed?.epochs);
    for (const [key, epoch] of room.pending?.epochs ?? []) prevEpochs.set(key, epoch);
    for (const [key, epoch] of room.rememberedEpochs) prevEpochs.set(key, epoch);
    const plan = computeRoomPlan(
      {
        topology: room.topology,
        peers: room.peers.map((p) => ({ id: p.id, joinedAt: p.joinedAt, capacity: p.capacity })),
        hubPreference: room.hubPreference,
        failedLinks: room.failedLinks,
      },
      room.version,
      prevEpochs,
    );
    room.pending = storePlan(plan);
    room.ready = new Set();
    this.armDeadline(room, plan.version);
    this.options.hooks?.planIssued?.(room.id, plan.version);
    const effects = this.toOthers(room, exclude, (conn, peer) => {
      const peerPlan = plan.peers.get(peer.id);
      return peerPlan ? emit(conn, 'planPrepared', peerPlan) : null;
    });
    return { effects, plans: plan.peers };
  }

  private armDeadline(room: RoomState, version: number): void {
    this.options.clock.clearTimeout(room.deadlineTimer);
    room.deadlineTimer = this.options.clock.setTimeout(() => {
      room.deadlineTimer = null;
      if (this.rooms.get(room.id) !== room || room.pending?.version !== version) return;
      this.options.onEffects(this.commit(room));
    }, this.options.commitDeadlineMs);
  }

  private maybeCommit(room: RoomState): Effect[] {
    if (room.pending === null) return [];
    const waiting = room.peers.some((p) => p.conn !== null && !room.ready.has(p.id));
    return waiting ? [] : this.commit(room);
  }

  private commit(room: RoomState): Effect[] {
    const plan = room.pending;
    if (plan === null) return [];
    room.committed = plan;
    room.pending = null;
    room.ready = new Set();
    this.options.clock.clearTimeout(room.deadlineTimer);
    room.deadlineTimer = null;
    for (const key of room.reports.keys()) {
      if (!plan.epochs.has(key) && !room.failedLinks.has(key)) room.reports.delete(key);
    }
    return this.toOthers(room, null, (c) => emit(c, 'planCommitted', { version: plan.version }));
  }

  private linksChanged(room: RoomState, exclude: PeerId | null): Effect[] {
    const links = roomLinks(room);
    const digest = linksDigest(links);
    if (digest === room.lastLinks) return [];
    room.lastLinks = digest;
    return this.toOthers(room, exclude, (c) => emit(c, 'linksChanged', { links }));
  }

  /** One effect per connected peer of the room, except `exclude`. */
  private toOthers(
    room: RoomState,
    exclude: PeerId | null,
    make: (conn: ConnId, peer: PeerState) => Effect | null,
  ): Effect[] {
    const effects: Effect[] = [];
    for (const peer of room.peers) {
      if (peer.conn === null || peer.id === exclude) continue;
      const effect = make(peer.conn, peer);
      if (effect) effects.push(effect);
    }
    return effects;
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

  /** A plain-data picture of every room (no secrets, no timers), for tests and debugging. */
  dump(): unknown {
    return [...this.rooms.values()].map((room) => ({
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
    for (const room of [...this.rooms.values()]) this.deleteRoom(room);
    this.conns.clear();
    this.peerIds.clear();
  }
}
