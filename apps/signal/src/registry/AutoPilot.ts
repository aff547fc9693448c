import { type Clock, Timers } from '@meshwork/kit';
import { decideAutoTopology } from '@meshwork/mesh/plan';
import type { AutoChoice, PeerId } from '@meshwork/protocol';
import { isMediaServer } from './hubChoice';
import type { PlanCycle } from './PlanCycle';
import { settingsChanged } from './Roles';
import type { AutoState, PeerLimitation, RoomState } from './Room';
import type { Effect } from './types';

/** What the automatic topology needs from the registry around it. */
export interface AutoPilotDeps {
  clock: Clock;
  /** Set once the plan cycle exists (it calls back into `decide` before every plan). */
  plans: () => PlanCycle;
  /** Receives the effects of a decision made by a timer. */
  onEffects: (effects: Effect[]) => void;
  isLive: (room: RoomState) => boolean;
}

/**
 * Runs an automatic room's topology (SPEC [P28]): keeps each peer's reported limitation with the
 * server time it began, feeds the pure `decideAutoTopology`, applies its choice, and decides again
 * when a hint changes, before every plan, and when a hysteresis timer ends.
 */
export class AutoPilot {
  private readonly timers: Timers<string>;

  constructor(private readonly deps: AutoPilotDeps) {
    this.timers = new Timers(deps.clock);
  }

  /**
   * Decides without planning (the plan cycle calls this before every plan, which then carries
   * the choice). A changed choice updates the room and tells everyone but `exclude`.
   */
  decide(room: RoomState, exclude: PeerId | null = null): { moved: boolean; effects: Effect[] } {
    const auto = room.auto;
    if (auto === null || room.rebuild !== null) {
      this.timers.clear(room.id);
      return { moved: false, effects: [] };
    }
    const now = this.deps.clock.now();
    syncLimits(room, auto, now);
    const decision = decideAutoTopology({
      peers: room.peers.map((p) => {
        const limit = auto.limits.get(p.id);
        return {
          id: p.id,
          mediaServer: isMediaServer(p),
          limitation: limit?.limitation ?? null,
          limitationSince: limit?.since ?? Number.NEGATIVE_INFINITY,
          previousLimitation: limit?.previous ?? null,
          uplinkKbps: p.capacity.uplinkKbps ?? null,
        };
      }),
      current: room.topology === 'star' ? 'star' : 'mesh',
      // A room that was in ring before it became automatic is free to choose at once.
      since: room.topology === 'ring' ? Number.NEGATIVE_INFINITY : auto.since,
      now,
    });
    const { choice } = decision;
    const moved = choice.topology !== room.topology;
    if (moved) {
      room.topology = choice.topology;
      auto.since = now;
    }
    if (decision.recheckAt === null) this.timers.clear(room.id);
    else {
      this.timers.set(room.id, Math.max(0, decision.recheckAt - now), () => {
        if (this.deps.isLive(room)) this.deps.onEffects(this.evaluate(room));
      });
    }
    if (auto.choice !== null && sameChoice(auto.choice, choice)) return { moved, effects: [] };
    auto.choice = choice;
    return { moved, effects: settingsChanged(room, exclude) };
  }

  /** Decides, and asks for a plan when the topology moved (coalesced as settings plans are). */
  evaluate(room: RoomState): Effect[] {
    const { moved, effects } = this.decide(room);
    if (moved) effects.push(...this.deps.plans().requestSettingsPlan(room).effects);
    return effects;
  }

  /** Stops the timer of a room that is going away. */
  forget(room: RoomState): void {
    this.timers.clear(room.id);
  }

  /** Stops every timer. */
  close(): void {
    this.timers.clearAll();
  }
}

/** Records each change of a peer's reported limitation with the time the server saw it. */
function syncLimits(room: RoomState, auto: AutoState, now: number): void {
  for (const peer of room.peers) {
    const reported = peer.capacity.limitation ?? null;
    const known = auto.limits.get(peer.id);
    if (known === undefined) {
      const since = reported === null ? Number.NEGATIVE_INFINITY : now;
      auto.limits.set(peer.id, { limitation: reported, since, previous: null });
    } else if (known.limitation !== reported) {
      const next: PeerLimitation = { limitation: reported, since: now, previous: known.limitation };
      auto.limits.set(peer.id, next);
    }
  }
  for (const id of auto.limits.keys()) if (!room.byId.has(id)) auto.limits.delete(id);
}

function sameChoice(a: AutoChoice, b: AutoChoice): boolean {
  return (
    a.topology === b.topology &&
    a.reason === b.reason &&
    a.limitedPeer === b.limitedPeer &&
    a.limit === b.limit &&
    a.hub === b.hub
  );
}
