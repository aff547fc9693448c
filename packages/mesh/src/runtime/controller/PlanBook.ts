import type { PeerId, PeerPlan } from '@meshwork/protocol';

/** What `prepare` did with a plan. */
export type PrepareResult = 'stale' | 'first' | 'prepared';

/**
 * The plans this peer holds: the committed one, the latest prepared one, and the prepared
 * versions not yet committed or passed over. Pure bookkeeping of the two-phase change ([M9]).
 */
export class PlanBook {
  #committed: PeerPlan | null = null;
  #prepared: PeerPlan | null = null;
  readonly #pending = new Map<number, PeerPlan>();

  /** The plan last committed, or null before the first. */
  get committed(): PeerPlan | null {
    return this.#committed;
  }

  /** The newest plan given, or null before the first. */
  get latest(): PeerPlan | null {
    return this.#prepared ?? this.#committed;
  }

  /** Plans in force, newest first: the latest prepared, then the committed one. */
  get inForce(): PeerPlan[] {
    const plans: PeerPlan[] = [];
    if (this.#prepared !== null) plans.push(this.#prepared);
    if (this.#committed !== null && this.#committed !== this.#prepared) plans.push(this.#committed);
    return plans;
  }

  /** The newest plan's join order: the peers still in the room (empty before the first plan). */
  get order(): readonly PeerId[] {
    return this.#prepared?.order ?? [];
  }

  /**
   * Phase one. A version not newer than the latest is `stale` and ignored; the very first plan
   * is `first` and the caller commits it at once, as nothing older needs keeping alive.
   */
  prepare(plan: PeerPlan): PrepareResult {
    const latest = this.latest;
    if (latest !== null && plan.version <= latest.version) return 'stale';
    this.#prepared = plan;
    this.#pending.set(plan.version, plan);
    return this.#committed === null ? 'first' : 'prepared';
  }

  /** Phase two: true when `version` became the committed plan, false if already or unknown. */
  commit(version: number): boolean {
    if (this.#committed?.version === version) return false;
    const plan = this.#pending.get(version);
    if (plan === undefined) return false;
    this.#committed = plan;
    for (const v of [...this.#pending.keys()]) if (v < version) this.#pending.delete(v);
    return true;
  }
}
