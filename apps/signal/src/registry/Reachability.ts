import { type Clock, Timers } from '@meshwork/kit';
import type { PeerId } from '@meshwork/protocol';
import { emit, toOthers } from './effects';
import type { PlanCycle } from './PlanCycle';
import type { PeerState, RoomState } from './Room';
import { carries, latestPlan } from './StoredPlan';
import { suspects } from './suspects';
import type { Effect } from './types';
import { peerInfo } from './views';

/**
 * How long the reports must keep pointing at a peer before it is routed around (SPEC [P22]):
 * long enough for the other end of a merely broken link to report it too, short next to media.
 */
export const LINK_DOWN_CONFIRM_MS = 500;

/** What reachability needs from the registry around it. */
export interface ReachabilityDeps {
  clock: Clock;
  confirmMs: number;
  plans: PlanCycle;
  onEffects: (effects: Effect[]) => void;
  isLive: (room: RoomState) => boolean;
}

/**
 * Who can be reached (SPEC [P22]): a peer its neighbours report down, past `confirmMs`, is
 * routed around with a new plan and shown as reconnecting, keeping its identity; as soon as the
 * reports stop pointing at it (its links are back, or it reports them itself) it is planned again.
 */
export class Reachability {
  private readonly confirms: Timers<PeerId>;

  constructor(private readonly deps: ReachabilityDeps) {
    this.confirms = new Timers(deps.clock);
  }

  /** Re-reads the room's reports: returns the effects of a peer found reachable again. */
  review(room: RoomState): Effect[] {
    if (room.rebuild !== null) return [];
    const now = suspects(room);
    const back = [...room.unreachable].filter((id) => !now.has(id));
    for (const id of back) room.unreachable.delete(id);
    for (const id of now) {
      if (room.unreachable.has(id) || this.confirms.has(id)) continue;
      this.confirms.set(id, this.deps.confirmMs, () => this.confirm(room, id));
    }
    for (const peer of room.peers) if (!now.has(peer.id)) this.confirms.clear(peer.id);
    if (back.length === 0) return [];
    const effects: Effect[] = [];
    for (const id of back) {
      const peer = room.byId.get(id);
      if (peer) effects.push(...shown(room, peer, peer.conn !== null));
    }
    const routedAround = back.some((id) => room.plannedAway.has(id));
    return routedAround ? [...effects, ...this.deps.plans.replan(room)] : effects;
  }

  /** Stops the confirmation of a peer that left or lost its socket. */
  forget(id: PeerId): void {
    this.confirms.clear(id);
  }

  /** Stops every timer. */
  close(): void {
    this.confirms.clearAll();
  }

  private confirm(room: RoomState, id: PeerId): void {
    const peer = room.byId.get(id);
    if (!this.deps.isLive(room) || peer === undefined || room.rebuild !== null) return;
    if (!suspects(room).has(id)) return;
    room.unreachable.add(id);
    const replan = carries(latestPlan(room), id) ? this.deps.plans.replan(room) : [];
    this.deps.onEffects([...shown(room, peer, false), ...replan]);
  }
}

/** Tells the others whether `peer` can be reached now (its tile shows reconnecting if not). */
function shown(room: RoomState, peer: PeerState, connected: boolean): Effect[] {
  return toOthers(room, peer.id, (c) => emit(c, 'peerUpdated', { ...peerInfo(peer), connected }));
}
