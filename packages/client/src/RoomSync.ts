import type { Emitter, Logger } from '@meshwork/kit';
import type { MeshControllerApi } from '@meshwork/mesh/runtime';
import type { PeerId, PeerPlan, PublicKey, RoomSnapshot } from '@meshwork/protocol';
import { RoomState } from './RoomState';
import type { RoomChange } from './roomView';
import type { RoomView, SessionEvents } from './types';

/**
 * Keeps the room view and the plan in step with the signal app: hands each plan phase to the
 * current mesh controller, gives it the peers' public keys of every view (SPEC [P14]), and
 * announces every change (`roomChanged`, `planChanged`).
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

  /** True when `version` is the latest prepared plan: anything else is superseded. */
  isCurrent(version: number): boolean {
    return this.#state.plan?.version === version;
  }

  /** A join's snapshot replaces the view. */
  reset(snapshot: RoomSnapshot, selfId: PeerId): void {
    this.#announce(this.#state.reset(snapshot, selfId));
  }

  /** An announced change; announced in turn only if it changed something. */
  change(change: RoomChange): void {
    const next = this.#state.apply(change);
    if (next) this.#announce(next);
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

  /**
   * Phase two: the room committed `version`. Only the latest prepared plan commits: a late commit
   * of a superseded plan would close links the newer plan needs, so it is dropped.
   */
  commit(version: number): void {
    const plan = this.#state.plan;
    if (plan === null || plan.version !== version) {
      this.#logger.debug('dropping the commit of a plan not current here', { version });
      return;
    }
    this.#mesh()?.commitPlan(version);
    this.#events.emit('planChanged', { plan, committed: true });
  }

  #announce(view: RoomView): void {
    // Keys first: a chat that the new peer already sent must verify once the view is out.
    const mesh = this.#mesh();
    mesh?.setPeerKeys(peerKeys(view));
    // [P31] The host's switch: every sender encrypts its frames end to end, or none does.
    mesh?.setEndToEndEncryption?.(view.settings.e2ee === true);
    this.#events.emit('roomChanged', view);
  }
}

/** Every peer's signing key in `view`, as the server vouches for them. Pure. */
export function peerKeys(view: RoomView): ReadonlyMap<PeerId, PublicKey> {
  return new Map(view.peers.map((p) => [p.id, p.publicKey]));
}
