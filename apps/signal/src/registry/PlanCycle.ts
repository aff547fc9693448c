import { type Clock, Timers } from '@meshwork/kit';
import { computeRoomPlan, idlePlan, type LinkKey, peerPlan, routeTrees } from '@meshwork/mesh/plan';
import type { PeerId, PeerPlan } from '@meshwork/protocol';
import { emit, fail, linksChanged, toOthers } from './effects';
import { chooseHub, isMediaServer } from './hubChoice';
import type { PlanProofs } from './planProof';
import { rebuildPlan } from './Rebuild';
import { awayPeers, type PeerState, type PlanCause, type RoomState } from './Room';
import {
  epochsOf,
  hasLinkKey,
  latestPlan,
  type RoomWidePlan,
  sameEdges,
  storePlan,
} from './StoredPlan';
import type { Effect, Outcome, RegistryHooks } from './types';

/** How long a prepared plan waits for every connected peer's `planReady` before committing. */
export const PLAN_COMMIT_DEADLINE_MS = 10_000;

/**
 * Settings-caused plans (topology, hub) are at least this far apart, so a burst of requests
 * costs a bounded number of plans (SPEC [P16]); the first of a burst is planned at once.
 */
export const SETTINGS_PLAN_INTERVAL_MS = 500;

/** What the plan cycle needs from the registry around it. */
export interface PlanCycleDeps {
  clock: Clock;
  commitDeadlineMs: number;
  /** Receives the effects of a commit made by the deadline timer. */
  onEffects: (effects: Effect[]) => void;
  hooks?: RegistryHooks | undefined;
  /** Whether the room is still the live room of its id (a deadline may outlive its room). */
  isLive: (room: RoomState) => boolean;
  proofs: PlanProofs;
  /**
   * Runs before every plan (an automatic room decides its topology here, SPEC [P28]); returns the
   * effects for everyone but `exclude`.
   */
  beforePlan?: (room: RoomState, exclude: PeerId | null) => Effect[];
}

/** A freshly prepared plan: the effects for the room, and every peer's part of it. */
export interface Prepared {
  effects: Effect[];
  plans: ReadonlyMap<PeerId, PeerPlan>;
}

/**
 * The two-phase plan change (SPEC [P10]): prepare the next version, collect every connected
 * peer's `planReady`, commit when all are ready or at the deadline. A newer prepare supersedes a
 * pending one, except that settings changes are coalesced (SPEC [P16]): while a settings plan is
 * pending, or within `SETTINGS_PLAN_INTERVAL_MS` of the last one, further changes only queue one
 * plan, which the latest state fills when it is prepared.
 */
export class PlanCycle {
  private readonly deadlines: Timers<string>;
  private readonly queued: Timers<string>;

  constructor(private readonly deps: PlanCycleDeps) {
    this.deadlines = new Timers(deps.clock);
    this.queued = new Timers(deps.clock);
  }

  /**
   * Prepares the next plan version for everyone except `exclude` (who gets its part in an ack).
   * The registry does not keep the per-peer parts it returns. Any queued settings plan is
   * fulfilled by this one, since it reads the room's latest settings.
   */
  prepare(room: RoomState, exclude: PeerId | null, cause: PlanCause = 'other'): Prepared {
    const before = this.deps.beforePlan?.(room, exclude) ?? [];
    room.version += 1;
    const version = room.version;
    const proof = this.deps.proofs.sign(room.id, version);
    const plans = room.rebuild
      ? this.rebuilding(room, version, proof)
      : this.planned(room, version, proof);
    const stored = storePlan(plans.wide, proof);
    if (!sameEdges(latestPlan(room), stored)) room.linksDirty = true;
    room.pending = stored;
    room.pendingCause = cause;
    room.ready = new Set();
    room.replanQueued = false;
    this.queued.clear(room.id);
    if (cause === 'settings') room.settingsPlanAt = this.deps.clock.now();
    this.deadlines.set(room.id, this.deps.commitDeadlineMs, () => {
      if (!this.deps.isLive(room) || room.pending?.version !== version) return;
      this.deps.onEffects(this.commit(room));
    });
    this.deps.hooks?.planIssued?.(room.id, version);
    const effects = toOthers(room, exclude, (conn, peer) => {
      const peerPlan = plans.peers.get(peer.id);
      return peerPlan ? emit(conn, 'planPrepared', peerPlan) : null;
    });
    return { effects: [...before, ...effects], plans: plans.peers };
  }

  /** A new plan for everyone, then commit if nobody needs to confirm, then the link list. */
  replan(room: RoomState, cause: PlanCause = 'other'): Effect[] {
    return [
      ...this.prepare(room, null, cause).effects,
      ...this.settle(room),
      ...linksChanged(room, null),
    ];
  }

  /**
   * A settings change wants a plan: planned at once unless a settings plan is pending or the
   * last one is too recent, else queued. Returns the version that will carry the change.
   */
  requestSettingsPlan(room: RoomState): { effects: Effect[]; version: number } {
    if (this.mayPlanSettings(room) === 0) {
      return { effects: this.replan(room, 'settings'), version: room.version };
    }
    room.replanQueued = true;
    this.scheduleQueued(room);
    // The next prepare, whatever causes it, reads the latest settings: it carries this change.
    return { effects: [], version: room.version + 1 };
  }

  /** `peer` receives every origin over the pending plan's routes. */
  ready(room: RoomState, peer: PeerState, version: number): Outcome {
    if (room.pending?.version === version) {
      room.ready.add(peer.id);
      return { ok: true, effects: this.settle(room) };
    }
    // Late for a plan the deadline already committed: nothing left to do.
    if (room.pending === null && room.committed?.version === version)
      return { ok: true, effects: [] };
    return fail('ERR_STALE_PLAN');
  }

  /**
   * Commits the pending plan if no connected peer is still to confirm it. A rebuilding room
   * waits for its expected peers too (or the deadline): committing would close the links and
   * forwarding they still use.
   */
  settle(room: RoomState): Effect[] {
    if (room.pending === null || room.rebuild !== null) return [];
    // A peer reported unreachable cannot confirm: waiting for it would hold the room to the deadline.
    const waiting = room.peers.some(
      (p) => p.conn !== null && !room.unreachable.has(p.id) && !room.ready.has(p.id),
    );
    return waiting ? [] : this.commit(room);
  }

  /** Stops the timers of a room that is going away. */
  forget(room: RoomState): void {
    this.deadlines.clear(room.id);
    this.queued.clear(room.id);
  }

  /** Stops every timer. */
  close(): void {
    this.deadlines.clearAll();
    this.queued.clearAll();
  }

  private planned(room: RoomState, version: number, proof: string) {
    const prevEpochs = room.committed ? epochsOf(room.committed) : new Map<LinkKey, number>();
    if (room.pending) for (const [key, epoch] of epochsOf(room.pending)) prevEpochs.set(key, epoch);
    // Left by a rebuild that just ended: the lives its resumers agreed on go on, others restart.
    for (const [key, epoch] of room.epochOverrides) {
      if (epoch === null) prevEpochs.delete(key);
      else prevEpochs.set(key, epoch);
    }
    room.epochOverrides.clear();
    const plan = computeRoomPlan(
      {
        topology: room.topology,
        audioRouting: room.audioRouting,
        peers: room.peers.map((p) => ({
          id: p.id,
          joinedAt: p.joinedAt,
          capacity: p.capacity,
          mediaServer: isMediaServer(p),
        })),
        hubPreference: chooseHub(room),
        failedLinks: room.failedLinks,
        away: awayPeers(room),
        trialLinks: room.trialLinks,
      },
      version,
      prevEpochs,
    );
    room.plannedAway = new Set(plan.away);
    // A trial link the topology no longer wants is not retried any more: it is failed again.
    for (const key of room.trialLinks) {
      if (!plan.trial.has(key)) {
        room.trialLinks.delete(key);
        room.failedLinks.add(key);
      }
    }
    const peers = new Map<PeerId, PeerPlan>();
    for (const [id, p] of plan.peers) peers.set(id, { ...p, proof });
    return { wide: plan as RoomWidePlan, peers };
  }

  private rebuilding(room: RoomState, version: number, proof: string) {
    const state = room.rebuild;
    if (state === null) throw new Error(`Room ${room.id} is not rebuilding`);
    const wide = rebuildPlan(room, state, version);
    const trees = routeTrees(wide.graph);
    const peers = new Map<PeerId, PeerPlan>();
    for (const p of room.peers) {
      const inGraph = wide.graph.order.includes(p.id);
      const own = inGraph ? peerPlan({ ...wide, trees }, p.id) : idlePlan({ ...wide, trees }, p.id);
      peers.set(p.id, { ...own, proof });
    }
    return { wide, peers };
  }

  /** 0 when a settings plan may be prepared now; else ms to wait (Infinity: until a commit). */
  private mayPlanSettings(room: RoomState): number {
    if (room.pending !== null && room.pendingCause === 'settings') return Number.POSITIVE_INFINITY;
    const wait = room.settingsPlanAt + SETTINGS_PLAN_INTERVAL_MS - this.deps.clock.now();
    return Math.max(0, wait);
  }

  private scheduleQueued(room: RoomState): void {
    const wait = this.mayPlanSettings(room);
    if (wait === Number.POSITIVE_INFINITY) return; // the commit (or its deadline) flushes it
    this.queued.set(room.id, wait, () => {
      if (!this.deps.isLive(room)) return;
      this.deps.onEffects(this.flush(room));
    });
  }

  /** Prepares a queued settings plan if it may go now, else schedules it. */
  private flush(room: RoomState): Effect[] {
    if (!room.replanQueued) return [];
    if (this.mayPlanSettings(room) > 0) {
      this.scheduleQueued(room);
      return [];
    }
    return this.replan(room, 'settings');
  }

  private commit(room: RoomState): Effect[] {
    const plan = room.pending;
    if (plan === null) return [];
    room.committed = plan;
    room.pending = null;
    room.ready = new Set();
    this.deadlines.clear(room.id);
    // Reports of links the committed plan dropped are history; failed ones stay to route around.
    for (const key of room.reports.keys()) {
      if (!hasLinkKey(plan, key) && !room.failedLinks.has(key)) room.reports.delete(key);
    }
    const effects = toOthers(room, null, (c) =>
      emit(c, 'planCommitted', { version: plan.version }),
    );
    effects.push(...this.flush(room));
    return effects;
  }
}
