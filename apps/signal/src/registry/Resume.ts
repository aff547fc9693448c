import type { Directory } from './Directory';
import { emit, fail, toOthers } from './effects';
import type { LinkHealing } from './LinkHealing';
import type { PlanCycle } from './PlanCycle';
import type { Presence } from './Presence';
import type { PlanProofs } from './planProof';
import type { Rebuild } from './Rebuild';
import { awayPeers, newAutoState, type PeerState, type RoomState } from './Room';
import type { Effect, Joined, JoinInput, Outcome, ResumeRequest } from './types';
import { joinedView, peerInfo } from './views';

/** A resuming client's memory of its room. */
export type Hints = NonNullable<ResumeRequest['hints']>;

/** What resume needs from the registry around it. */
export interface ResumeDeps {
  directory: Directory;
  presence: Presence;
  rebuild: Rebuild;
  proofs: PlanProofs;
  plans: PlanCycle;
  healing: LinkHealing;
  maxPeersPerRoom: number;
}

/**
 * Resume (SPEC [P9], [P16]): an identity comes back within its grace period, or, after a
 * restart, resumers rebuild their room. Hints describe only the resumer and its links: they
 * add no peers, and move the version only as far as the server's own proof shows.
 */
export class Resume {
  constructor(private readonly deps: ResumeDeps) {}

  /** The same identity comes back within grace, or replaces a socket that has not died yet. */
  reattach(room: RoomState, peer: PeerState, input: JoinInput): Outcome<Joined> {
    // [P14] A key never changes while its id lives: another key is another session.
    if (input.publicKey !== peer.publicKey) return fail('ERR_BAD_REQUEST');
    const { directory, presence } = this.deps;
    const effects: Effect[] = [];
    if (peer.conn !== null) {
      directory.stand(peer.conn);
      effects.push({ type: 'disconnect', conn: peer.conn });
    }
    presence.release(peer);
    peer.conn = input.conn;
    peer.displayName = input.displayName;
    peer.hubVerified = input.hubVerified === true;
    if (input.media) peer.media = { ...input.media };
    if (input.capacity) peer.capacity = { ...input.capacity };
    directory.sit(input.conn, room, peer);
    effects.push(...toOthers(room, peer.id, (conn) => emit(conn, 'peerUpdated', peerInfo(peer))));
    // The ack carries the newest plan; if it is already committed, say so right after the ack.
    if (room.pending === null && room.committed !== null) {
      effects.push(emit(input.conn, 'planCommitted', { version: room.committed.version }));
    }
    const view = joinedView(room, peer, this.deps.maxPeersPerRoom);
    // Back from away (SPEC [P22]): planned as a full member again, right after the ack, with
    // its failed links retried at once (a retry replans too).
    const retried = room.rebuild === null ? this.deps.healing.resumed(room, peer.id) : [];
    effects.push(...retried);
    if (
      retried.length === 0 &&
      room.rebuild === null &&
      room.plannedAway.has(peer.id) &&
      !awayPeers(room).has(peer.id)
    ) {
      effects.push(...this.deps.plans.replan(room));
    }
    return { ok: true, effects, ...view, resumed: true };
  }

  /**
   * Applies a restored peer's hints before it is seated: a room this join created takes the
   * hinted topology and hub and starts rebuilding; the version rises to the hinted one only if
   * its proof is this server's, so a forged hint cannot push versions to the top of the range.
   */
  restoreRoom(room: RoomState, created: boolean, hints: Hints): void {
    if (created) {
      // [P28] An automatic room decides again once rebuilt; until then it plans in mesh.
      if (hints.topology === 'auto') room.auto ??= newAutoState();
      else {
        room.auto = null;
        room.topology = hints.topology;
      }
      room.audioRouting = hints.audioRouting ?? 'follow';
      room.hubPreference = hints.hubPreference;
      this.deps.rebuild.start(room);
    }
    const proof = hints.planProof;
    if (proof !== undefined && this.deps.proofs.verify(room.id, hints.planVersion, proof)) {
      room.version = Math.max(room.version, hints.planVersion);
    }
  }

  /** A restored peer is seated in a rebuilding room: it fills its place and names its links. */
  arrive(room: RoomState, peer: PeerState, claim: ResumeRequest): void {
    if (room.rebuild === null) return;
    // The role waits in a rebuilt room for the resumer whose token says it was host.
    if (claim.host === true && room.hostId === null) room.hostId = peer.id;
    this.deps.rebuild.arrive(room, peer, claim.hints?.links ?? []);
  }
}
