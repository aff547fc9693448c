import { type Clock, KeyedLock } from '@meshwork/kit';
import type { Directory } from './Directory';
import { emit, fail, linksChanged, toOthers } from './effects';
import type { PlanCycle } from './PlanCycle';
import type { Resume } from './Resume';
import { insertPeer, NO_MEDIA, newRoom, type PeerState } from './Room';
import type { Joined, JoinInput, Outcome, RegistryOptions } from './types';
import { joinedView, peerInfo } from './views';

/** Password hashing as the registry uses it. */
export type Passwords = NonNullable<RegistryOptions['passwords']>;

/** What admission needs from the registry around it. */
export interface AdmissionDeps {
  clock: Clock;
  maxPeersPerRoom: number;
  passwords: Passwords;
  directory: Directory;
  plans: PlanCycle;
  resume: Resume;
  /** True once the registry is closed: late joins are refused. */
  isClosed: () => boolean;
}

/**
 * Who may come in (SPEC [P8]): the room password (checked before the room cap, so a full room
 * says nothing to outsiders), the cap, a new or restored identity, and the first plan.
 */
export class Admission {
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: AdmissionDeps) {}

  /**
   * Joins (or resumes into) a room. Joins to one room run one at a time; the password check
   * is the only asynchronous step, and the room is re-read after it.
   */
  join(input: JoinInput): Promise<Outcome<Joined>> {
    return this.lock.run(input.roomId, async () => {
      const { directory, passwords } = this.deps;
      if (this.deps.isClosed()) return fail('ERR_INTERNAL');
      if (directory.seat(input.conn)) return fail('ERR_ALREADY_JOINED');
      const room = directory.room(input.roomId);
      let hash: string | null = null;
      if (room?.passwordHash) {
        const ok =
          input.password !== undefined &&
          (await passwords.verify(input.password, room.passwordHash));
        if (!ok) return fail('ERR_AUTH_FAILED');
        hash = room.passwordHash;
      } else if (room === undefined && input.password !== undefined) {
        hash = await passwords.hash(input.password);
      }
      if (this.deps.isClosed()) return fail('ERR_INTERNAL');
      if (directory.seat(input.conn)) return fail('ERR_ALREADY_JOINED');
      return this.admit(input, hash);
    });
  }

  private admit(input: JoinInput, hash: string | null): Outcome<Joined> {
    const { clock, directory, plans, resume, maxPeersPerRoom } = this.deps;
    const now = clock.now();
    const claim = input.resume;
    let room = directory.room(input.roomId);
    if (claim && room) {
      const existing = room.byId.get(claim.peerId);
      if (existing && existing.joinedAt === claim.joinedAt)
        return resume.reattach(room, existing, input);
    }
    const restore = claim !== undefined && !directory.isTaken(claim.peerId, now);
    if (room && room.peers.length >= maxPeersPerRoom) return fail('ERR_ROOM_FULL');
    const created = room === undefined;
    if (room === undefined) {
      room = newRoom(input.roomId, hash);
      directory.addRoom(room);
    }
    if (restore && claim.hints) resume.restoreRoom(room, created, claim.peerId, claim.hints, now);
    const peer: PeerState = {
      id: restore ? claim.peerId : directory.newPeerId(now),
      displayName: input.displayName,
      joinedAt: restore ? claim.joinedAt : now,
      seq: directory.nextSeq(),
      media: { ...NO_MEDIA, ...input.media },
      capacity: { ...input.capacity },
      conn: input.conn,
      placeholder: false,
    };
    insertPeer(room, peer);
    directory.sit(input.conn, room, peer);
    directory.claim(peer.id);
    if (restore && claim.hints) resume.rememberEpochs(room, peer, claim.hints);
    const effects = toOthers(room, peer.id, (conn) => emit(conn, 'peerJoined', peerInfo(peer)));
    const prepared = plans.prepare(room, peer.id);
    effects.push(...prepared.effects, ...linksChanged(room, peer.id));
    return {
      ok: true,
      effects,
      ...joinedView(room, peer, maxPeersPerRoom, prepared.plans.get(peer.id)),
      resumed: restore,
    };
  }
}
