import { type Clock, Timers } from '@meshwork/kit';
import { computeRoomPlan } from '@meshwork/mesh/plan';
import type { PeerId, PeerPlan } from '@meshwork/protocol';
import { emit, fail, linksChanged, toOthers } from './effects';
import type { PeerState, RoomState } from './Room';
import { latestPlan, sameEdges, storePlan } from './StoredPlan';
import type { Effect, Outcome, RegistryHooks } from './types';

/** How long a prepared plan waits for every connected peer's `planReady` before committing. */
export const PLAN_COMMIT_DEADLINE_MS = 10_000;

/** What the plan cycle needs from the registry around it. */
export interface PlanCycleDeps {
  clock: Clock;
  commitDeadlineMs: number;
  /** Receives the effects of a commit made by the deadline timer. */
  onEffects: (effects: Effect[]) => void;
  hooks?: RegistryHooks | undefined;
  /** Whether the room is still the live room of its id (a deadline may outlive its room). */
  isLive: (room: RoomState) => boolean;
}

/** A freshly prepared plan: the effects for the room, and every peer's part of it. */
export interface Prepared {
  effects: Effect[];
  plans: ReadonlyMap<PeerId, PeerPlan>;
}

/**
 * The two-phase plan change (SPEC [P10]): prepare the next version, collect every connected
 * peer's `planReady`, commit when all are ready or at the deadline. A newer prepare supersedes a
 * pending one.
 */
export class PlanCycle {
  private readonly deadlines: Timers<string>;

  constructor(private readonly deps: PlanCycleDeps) {
    this.deadlines = new Timers(deps.clock);
  }

  /**
   * Prepares the next plan version for everyone except `exclude` (who gets its part in an ack).
   * The registry does not keep the per-peer parts it returns.
   */
  prepare(room: RoomState, exclude: PeerId | null): Prepared {
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
    const stored = storePlan(plan);
    if (!sameEdges(latestPlan(room), stored)) room.linksDirty = true;
    room.pending = stored;
    room.ready = new Set();
    this.deadlines.set(room.id, this.deps.commitDeadlineMs, () => {
      if (!this.deps.isLive(room) || room.pending?.version !== plan.version) return;
      this.deps.onEffects(this.commit(room));
    });
    this.deps.hooks?.planIssued?.(room.id, plan.version);
    const effects = toOthers(room, exclude, (conn, peer) => {
      const peerPlan = plan.peers.get(peer.id);
      return peerPlan ? emit(conn, 'planPrepared', peerPlan) : null;
    });
    return { effects, plans: plan.peers };
  }

  /** A new plan for everyone, then commit if nobody needs to confirm, then the link list. */
  replan(room: RoomState): Effect[] {
    return [...this.prepare(room, null).effects, ...this.settle(room), ...linksChanged(room, null)];
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

  /** Commits the pending plan if no connected peer is still to confirm it. */
  settle(room: RoomState): Effect[] {
    if (room.pending === null) return [];
    const waiting = room.peers.some((p) => p.conn !== null && !room.ready.has(p.id));
    return waiting ? [] : this.commit(room);
  }

  /** Stops the deadline of a room that is going away. */
  forget(room: RoomState): void {
    this.deadlines.clear(room.id);
  }

  /** Stops every deadline. */
  close(): void {
    this.deadlines.clearAll();
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
      if (!plan.epochs.has(key) && !room.failedLinks.has(key)) room.reports.delete(key);
    }
    return toOthers(room, null, (c) => emit(c, 'planCommitted', { version: plan.version }));
  }
}
