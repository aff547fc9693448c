import type { Emitter, Logger } from '@meshwork/kit';
import type { MeshControllerApi } from '@meshwork/mesh/runtime';
import type { PeerId, PeerPlan, RoomSnapshot } from '@meshwork/protocol';
import { RoomState } from './RoomState';
import type { RoomChange } from './roomView';
import type { RoomView, SessionEvents } from './types';

/**
 * Keeps the room view and the plan in step with the signal app: hands each plan phase to the
 * current mesh controller and announces every change (`roomChanged`, `planChanged`).
 */
export class RoomSync {
  readonly #state = new RoomState();
  readonly #events: Emitter<SessionEvents>;
  readonly #mesh: () => MeshControllerApi | null;
  readonly #logger: Logger;

  /** `mesh` is the current controller, if any. */
  constructor(
    events: Emitter<SessionEvents>,
    mesh: () => MeshControllerApi | null,
    logger: Logger,
  ) {
    this.#events = events;
    this.#mesh = mesh;
    this.#logger = logger;
  }

  /** The room view, or null before the first join. */
  get room(): RoomView | null {
    return this.#state.room;
  }

  /** The latest prepared plan, or null before the first join. */
  get plan(): PeerPlan | null {
    return this.#state.plan;
  }

  /** A join's snapshot replaces the view. */
  reset(snapshot: RoomSnapshot, selfId: PeerId): void {
    this.#events.emit('roomChanged', this.#state.reset(snapshot, selfId));
  }

  /** An announced change; announced in turn only if it changed something. */
  change(change: RoomChange): void {
    const next = this.#state.apply(change);
    if (next) this.#events.emit('roomChanged', next);
  }

  /** Phase one: a prepared plan (from the join ack, or relayed; old relayed ones are ignored). */
  prepare(plan: PeerPlan, fromJoin: boolean): void {
    if (!this.#state.prepare(plan, fromJoin)) {
      this.#logger.debug('ignoring an old plan', { version: plan.version });
      return;
    }
    this.#mesh()?.applyPlan(plan);
    this.#events.emit('planChanged', { plan, committed: false });
  }

  /** Phase two: the room committed `version`. */
  commit(version: number): void {
    const plan = this.#state.plan;
    const prepared = plan !== null && plan.version === version;
    if (!prepared) this.#logger.debug('commit of a plan not prepared here', { version });
    this.#mesh()?.commitPlan(version);
    if (prepared) this.#events.emit('planChanged', { plan, committed: true });
  }
}
