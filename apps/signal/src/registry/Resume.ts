import { linkKey, parseLinkKey } from '@meshwork/mesh/plan';
import type { PeerId, PeerPlan } from '@meshwork/protocol';
import type { Directory } from './Directory';
import { emit, linksChanged, toOthers } from './effects';
import type { PlanCycle } from './PlanCycle';
import type { Presence } from './Presence';
import { insertPeer, NO_MEDIA, type PeerState, type RoomState } from './Room';
import { latestPlan } from './StoredPlan';
import type { Effect, Joined, JoinInput, Outcome, ResumeRequest } from './types';
import { joinedView, peerInfo } from './views';

/** A resuming client's memory of its room. */
export type Hints = NonNullable<ResumeRequest['hints']>;

/** What resume needs from the registry around it. */
export interface ResumeDeps {
  directory: Directory;
  presence: Presence;
  plans: PlanCycle;
  maxPeersPerRoom: number;
}

/**
 * Resume (SPEC [P9]): an identity comes back within its grace period, or, after a restart, the
 * first resumers rebuild their room from the hints they remember, versions never going back.
 */
export class Resume {
  constructor(private readonly deps: ResumeDeps) {}

  /** The same identity comes back within grace, or replaces a socket that has not died yet. */
  reattach(room: RoomState, peer: PeerState, input: JoinInput): Outcome<Joined> {
    const { directory, presence, plans } = this.deps;
    const effects: Effect[] = [];
    if (peer.conn !== null) {
      directory.stand(peer.conn);
      effects.push({ type: 'disconnect', conn: peer.conn });
    }
    presence.release(peer);
    peer.conn = input.conn;
    peer.displayName = input.displayName;
    if (input.media) peer.media = { ...input.media };
    if (input.capacity) peer.capacity = { ...input.capacity };
    directory.sit(input.conn, room, peer);
    effects.push(...toOthers(room, peer.id, (conn) => emit(conn, 'peerUpdated', peerInfo(peer))));
    let plan: PeerPlan | undefined;
    if (peer.placeholder) {
      peer.placeholder = false;
      if (input.resume?.hints && this.rememberEpochs(room, peer, input.resume.hints)) {
        // The epochs it remembers differ from the rebuilt plan's: re-plan before the ack.
        const prepared = plans.prepare(room, peer.id);
        plan = prepared.plans.get(peer.id);
        effects.push(...prepared.effects, ...plans.settle(room), ...linksChanged(room, peer.id));
      }
    }
    // The ack carries the newest plan; if it is already committed, say so right after the ack.
    if (room.pending === null && room.committed !== null) {
      effects.push(emit(input.conn, 'planCommitted', { version: room.committed.version }));
    }
    const view = joinedView(room, peer, this.deps.maxPeersPerRoom, plan);
    return { ok: true, effects, ...view, resumed: true };
  }

  /**
   * Applies a restored peer's hints to its room: a room this join created takes the hinted
   * settings and holds the hinted peers; versions never go back.
   */
  restoreRoom(room: RoomState, created: boolean, self: PeerId, hints: Hints, now: number): void {
    if (created) {
      room.topology = hints.topology;
      room.hubPreference = hints.hubPreference;
      this.holdPlaceholders(room, self, hints, now);
    }
    room.version = Math.max(room.version, hints.planVersion);
  }

  /**
   * Remembers the epochs a resuming peer holds for links towards peers that have not resumed
   * yet, and forgets those between two resumed peers. Returns whether the latest plan disagrees.
   */
  rememberEpochs(room: RoomState, peer: PeerState, hints: Hints): boolean {
    for (const link of hints.links ?? []) {
      const other = room.byId.get(link.peer);
      if (other?.placeholder) room.rememberedEpochs.set(linkKey(peer.id, other.id), link.epoch);
    }
    for (const key of room.rememberedEpochs.keys()) {
      const ends = parseLinkKey(key).map((id) => room.byId.get(id));
      if (ends.every((p) => p !== undefined && !p.placeholder)) room.rememberedEpochs.delete(key);
    }
    const epochs = latestPlan(room)?.epochs;
    return (hints.links ?? []).some((link) => {
      const key = linkKey(peer.id, link.peer);
      return epochs?.has(key) === true && epochs.get(key) !== link.epoch;
    });
  }

  /**
   * Holds the peers a resuming client remembers as disconnected placeholders of a rebuilt room,
   * so the first plans keep their links while they resume.
   */
  private holdPlaceholders(room: RoomState, self: PeerId, hints: Hints, now: number): void {
    const { directory, presence, maxPeersPerRoom } = this.deps;
    for (const hinted of hints.peers ?? []) {
      if (room.peers.length >= maxPeersPerRoom - 1) break;
      if (hinted.id === self || directory.isTaken(hinted.id, now)) continue;
      const peer: PeerState = {
        id: hinted.id,
        displayName: hinted.displayName,
        joinedAt: hinted.joinedAt,
        seq: directory.nextSeq(),
        media: { ...NO_MEDIA },
        capacity: {},
        conn: null,
        placeholder: true,
      };
      insertPeer(room, peer);
      directory.claim(peer.id);
      presence.hold(room, peer);
    }
  }
}
