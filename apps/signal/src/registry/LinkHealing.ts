import { type Clock, Timers } from '@meshwork/kit';
import { type LinkKey, parseLinkKey } from '@meshwork/mesh/plan';
import type { PeerId } from '@meshwork/protocol';
import type { PlanCycle } from './PlanCycle';
import type { RoomState } from './Room';
import type { Effect } from './types';

/** Waits before retrying a failed link, by attempt; the last one repeats (SPEC [P22]). */
export const LINK_RETRY_BACKOFF_MS: readonly number[] = [2_000, 5_000, 15_000, 30_000];

/** What link healing needs from the registry around it. */
export interface LinkHealingDeps {
  clock: Clock;
  plans: PlanCycle;
  onEffects: (effects: Effect[]) => void;
  isLive: (room: RoomState) => boolean;
  backoffMs?: readonly number[] | undefined;
}

/**
 * Failed links heal (SPEC [P22]): each one is retried after a backoff (and at once when one of
 * its ends resumes) by putting it on trial: planned again with a new life, carrying no route.
 * Reported connected, it is a normal link again; reported failed, it waits for the next attempt.
 */
export class LinkHealing {
  private readonly retries: Timers<LinkKey>;
  private readonly attempts = new Map<LinkKey, number>();
  private readonly backoff: readonly number[];

  constructor(private readonly deps: LinkHealingDeps) {
    this.retries = new Timers(deps.clock);
    this.backoff = deps.backoffMs ?? LINK_RETRY_BACKOFF_MS;
  }

  /** A link was newly reported failed (or failed again on trial): schedule its next retry. */
  failed(room: RoomState, key: LinkKey): void {
    room.trialLinks.delete(key);
    const attempt = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempt + 1);
    const wait = this.backoff[Math.min(attempt, this.backoff.length - 1)] ?? 30_000;
    this.retries.set(key, wait, () => {
      if (!this.deps.isLive(room)) return;
      const effects = this.retry(room, [key]);
      if (effects.length > 0) this.deps.onEffects(effects);
    });
  }

  /** A link was reported connected: off trial, routed again. Returns whether the plan must change. */
  connected(room: RoomState, key: LinkKey): boolean {
    this.attempts.delete(key);
    this.retries.clear(key);
    return room.trialLinks.delete(key);
  }

  /** `peer` resumed: every failed link of it is retried now. */
  resumed(room: RoomState, peer: PeerId): Effect[] {
    const keys = [...room.failedLinks].filter((k) => parseLinkKey(k).includes(peer));
    return this.retry(room, keys);
  }

  /** Forgets a link whose end left. */
  forget(key: LinkKey): void {
    this.retries.clear(key);
    this.attempts.delete(key);
  }

  /** Stops every timer. */
  close(): void {
    this.retries.clearAll();
  }

  private retry(room: RoomState, keys: readonly LinkKey[]): Effect[] {
    const due = keys.filter((k) => room.failedLinks.has(k));
    if (due.length === 0 || room.rebuild !== null) return [];
    const saved = new Map(due.map((key) => [key, room.reports.get(key)]));
    for (const key of due) {
      this.retries.clear(key);
      room.failedLinks.delete(key);
      room.trialLinks.add(key);
      // Its old report said failed: a new life starts unreported.
      room.reports.delete(key);
    }
    const effects = this.deps.plans.replan(room);
    // A link the topology no longer wants was not planned (it is failed again): as it was.
    for (const [key, report] of saved) {
      if (!room.trialLinks.has(key) && report !== undefined) room.reports.set(key, report);
    }
    return effects;
  }
}
