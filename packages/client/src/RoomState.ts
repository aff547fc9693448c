import type { PeerId, PeerPlan, RoomSnapshot } from '@meshwork/protocol';
import { type RoomChange, reduceRoomView, roomViewFromSnapshot } from './roomView';
import type { RoomView } from './types';

/** The room and the plan as this session last heard them. No I/O: the session announces. */
export class RoomState {
  #room: RoomView | null = null;
  #plan: PeerPlan | null = null;

  /** The room view, or null before the first join. */
  get room(): RoomView | null {
    return this.#room;
  }

  /** The latest prepared plan, or null before the first join. */
  get plan(): PeerPlan | null {
    return this.#plan;
  }

  /** A join's snapshot replaces the whole view. */
  reset(snapshot: RoomSnapshot, selfId: PeerId): RoomView {
    this.#room = roomViewFromSnapshot(snapshot, selfId);
    return this.#room;
  }

  /** Applies an announced change: the new view, or null when nothing changed. */
  apply(change: RoomChange): RoomView | null {
    const room = this.#room;
    if (!room) return null;
    // This peer is in the view from its own join snapshot; its own arrival is old news.
    if (change.type === 'peerJoined' && change.peer.id === room.selfId) return null;
    const next = reduceRoomView(room, change);
    if (next === room) return null;
    this.#room = next;
    return next;
  }

  /**
   * Takes a prepared plan; false (and nothing changes) when a relayed one is not newer. The join
   * ack's plan is the room's current one and is always taken, even if older (a restarted app).
   */
  prepare(plan: PeerPlan, fromJoin: boolean): boolean {
    if (!fromJoin && this.#plan && plan.version <= this.#plan.version) return false;
    this.#plan = plan;
    return true;
  }
}
