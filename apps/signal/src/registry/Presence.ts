import { type Clock, Timers } from '@meshwork/kit';
import { parseLinkKey } from '@meshwork/mesh/plan';
import type { LeaveReason, PeerId } from '@meshwork/protocol';
import type { Directory } from './Directory';
import { emit, toOthers } from './effects';
import type { LinkHealing } from './LinkHealing';
import type { PlanCycle } from './PlanCycle';
import type { Rebuild } from './Rebuild';
import { ensureHost, settingsChanged } from './Roles';
import { type PeerState, type RoomState, removeFromRoom } from './Room';
import { carries, latestPlan } from './StoredPlan';
import type { ConnId, Effect } from './types';
import { peerInfo } from './views';

/** What presence needs from the registry around it. */
export interface PresenceDeps {
  clock: Clock;
  /** How long a disconnected peer is kept before it is removed with reason `timeout`. */
  graceMs: number;
  /** Receives the effects of a removal made by a grace timer. */
  onEffects: (effects: Effect[]) => void;
  directory: Directory;
  plans: PlanCycle;
  rebuild: Rebuild;
  healing: LinkHealing;
}

/**
 * Who is still there: a dropped connection keeps its peer for the grace period (SPEC [P9]),
 * then the peer is removed; the last peer out deletes the room and its timers.
 */
export class Presence {
  private readonly graces: Timers<PeerId>;

  constructor(private readonly deps: PresenceDeps) {
    this.graces = new Timers(deps.clock);
  }

  /** The connection is gone: keep its peer for the grace period, then remove it. */
  disconnect(conn: ConnId): Effect[] {
    const seat = this.deps.directory.seat(conn);
    if (!seat) return [];
    const { room, peer } = seat;
    this.deps.directory.stand(conn);
    peer.conn = null;
    if (this.deps.graceMs <= 0) return this.remove(room, peer, 'timeout');
    this.hold(room, peer);
    const effects = toOthers(room, peer.id, (c) => emit(c, 'peerUpdated', peerInfo(peer)));
    // Routed around at once (SPEC [P22]): it keeps its identity, but relays nothing meanwhile.
    // A rebuilding room plans only from its resumers' hints, so it just settles.
    // A peer that carries nobody's media changes nothing by going: the plan stands.
    if (room.rebuild === null && carries(latestPlan(room), peer.id)) {
      effects.push(...this.deps.plans.replan(room));
    } else {
      effects.push(...this.deps.plans.settle(room));
    }
    return effects;
  }

  /** Starts the grace period of a peer without a connection. */
  hold(room: RoomState, peer: PeerState): void {
    this.graces.set(peer.id, this.deps.graceMs, () => {
      if (peer.conn !== null || !room.peers.includes(peer)) return;
      this.deps.onEffects(this.remove(room, peer, 'timeout'));
    });
  }

  /** The peer is back: its grace period ends without removing it. */
  release(peer: PeerState): void {
    this.graces.clear(peer.id);
  }

  /**
   * Removes a peer at once and issues a new plan; the last peer out deletes the room. A host
   * that goes passes the role to the longest-present connected member (SPEC [P15]).
   */
  remove(room: RoomState, peer: PeerState, reason: LeaveReason): Effect[] {
    const { directory, plans } = this.deps;
    this.graces.clear(peer.id);
    if (peer.conn !== null) directory.stand(peer.conn);
    peer.conn = null;
    removeFromRoom(room, peer);
    room.ready.delete(peer.id);
    directory.retire(peer.id, this.deps.clock.now());
    this.forgetLinksOf(room, peer.id);
    this.deps.rebuild.forget(room, peer.id);
    this.deps.rebuild.finish(room);
    const effects = toOthers(room, null, (c) => emit(c, 'peerLeft', { peerId: peer.id, reason }));
    if (room.peers.length === 0) {
      this.deleteRoom(room);
      return effects;
    }
    let changed = ensureHost(room);
    if (room.hubPreference === peer.id) {
      room.hubPreference = null;
      changed = true;
    }
    if (changed) effects.push(...settingsChanged(room));
    effects.push(...plans.replan(room));
    return effects;
  }

  /** Drops a room and every timer it has. */
  deleteRoom(room: RoomState): void {
    this.deps.plans.forget(room);
    this.deps.rebuild.drop(room);
    for (const peer of room.peers) this.graces.clear(peer.id);
    this.deps.directory.removeRoom(room);
  }

  /** Stops every grace timer. */
  close(): void {
    this.graces.clearAll();
  }

  private forgetLinksOf(room: RoomState, id: PeerId): void {
    for (const key of [
      ...room.reports.keys(),
      ...room.failedLinks,
      ...room.epochOverrides.keys(),
      ...room.downBy.keys(),
      ...room.upBy.keys(),
      ...room.trialLinks,
    ]) {
      if (!parseLinkKey(key).includes(id)) continue;
      room.reports.delete(key);
      // A failed link the plan routed around is listed on its own: dropping it changes the list.
      if (room.failedLinks.delete(key)) room.linksDirty = true;
      room.epochOverrides.delete(key);
      room.downBy.delete(key);
      room.upBy.delete(key);
      room.trialLinks.delete(key);
      this.deps.healing.forget(key);
    }
  }
}
