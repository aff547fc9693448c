import { type Clock, KeyedLock } from '@meshwork/kit';
import type { Directory } from './Directory';
import { emit, fail, linksChanged, toOthers } from './effects';
import { claimsHub } from './hubClaims';
import type { Lobby } from './Lobby';
import type { PlanCycle } from './PlanCycle';
import type { Rebuild } from './Rebuild';
import type { Resume } from './Resume';
import { ensureHost, settingsChanged } from './Roles';
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
  rebuild: Rebuild;
  /** True once the registry is closed: late joins are refused. */
  isClosed: () => boolean;
  /** The version a new room starts above. */
  versionFloor: (roomId: string) => number;
  /** Who waits to be let in (SPEC [P25]). */
  lobby: Lobby;
}

/**
 * Who may come in (SPEC [P8], [P15], [P17]): the room password (checked before anything else
 * about the room, so outsiders learn nothing), hub claims, the lock, the cap, a new or restored
 * identity, the host role, and the first plan.
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
      // [P24] A media hub is sent by the signal app itself: it needs no room password.
      const mediaHub = input.hubVerified === true && input.capacity?.deviceClass === 'server';
      if (room?.passwordHash && mediaHub) {
        hash = room.passwordHash;
      } else if (room?.passwordHash) {
        const ok =
          input.password !== undefined &&
          (await passwords.verify(input.password, room.passwordHash));
        if (!ok) return fail('ERR_AUTH_FAILED');
        hash = room.passwordHash;
      } else if (room === undefined && input.resume?.passwordHash !== undefined) {
        // [P18] A room rebuilt by a member keeps the password it had, whatever the member sends.
        hash = input.resume.passwordHash;
      } else if (room === undefined && input.password !== undefined) {
        hash = await passwords.hash(input.password);
      }
      if (this.deps.isClosed()) return fail('ERR_INTERNAL');
      if (directory.seat(input.conn)) return fail('ERR_ALREADY_JOINED');
      return this.admit(input, hash);
    });
  }

  /** Runs `task` while no join to `roomId` is in progress (host updates of the password). */
  exclusive<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    return this.lock.run(roomId, task);
  }

  private admit(input: JoinInput, hash: string | null): Outcome<Joined> {
    const { clock, directory, plans, resume, maxPeersPerRoom } = this.deps;
    // [P17][P24] Only a media hub that proved itself may claim to be a server or show a load.
    if (claimsHub(input.capacity) && input.hubVerified !== true) return fail('ERR_HUB_AUTH');
    const now = clock.now();
    const claim = input.resume;
    let room = directory.room(input.roomId);
    if (claim && room) {
      const existing = room.byId.get(claim.peerId);
      if (existing && existing.joinedAt === claim.joinedAt)
        return resume.reattach(room, existing, input);
    }
    const restore = claim !== undefined && !directory.isTaken(claim.peerId, now);
    // [P18] A password for an open room is a mistake worth saying (the room is open anyway); a
    // member coming back may still send the one the host has since cleared.
    if (room && room.passwordHash === null && input.password !== undefined && !restore)
      return fail('ERR_NO_PASSWORD');
    // [P15] A locked room takes no one new; a member coming back is not new.
    const mediaHub = input.hubVerified === true && input.capacity?.deviceClass === 'server';
    if (room?.locked && !restore && !mediaHub) return fail('ERR_ROOM_LOCKED');
    // [P25] With the lobby on, a newcomer waits until the host lets its connection in.
    if (room && !restore && !mediaHub) {
      const verdict = this.deps.lobby.gate(room, input.conn, input.displayName, now);
      if (verdict.wait) return verdict.outcome;
    }
    if (room && room.peers.length >= maxPeersPerRoom) return fail('ERR_ROOM_FULL');
    const created = room === undefined;
    if (room === undefined) {
      room = newRoom(input.roomId, hash);
      room.version = this.deps.versionFloor(input.roomId);
      directory.addRoom(room);
    }
    if (restore && claim.hints) resume.restoreRoom(room, created, claim.hints);
    // A newcomer ends a rebuild: the room runs on its own plans from then on.
    if (!restore) this.deps.rebuild.finish(room, true);
    const peer: PeerState = {
      id: restore ? claim.peerId : directory.newPeerId(now),
      displayName: input.displayName,
      joinedAt: restore ? claim.joinedAt : now,
      seq: directory.nextSeq(),
      media: { ...NO_MEDIA, ...input.media },
      capacity: { ...input.capacity },
      conn: input.conn,
      publicKey: input.publicKey,
      hubVerified: input.hubVerified === true,
    };
    insertPeer(room, peer);
    directory.sit(input.conn, room, peer);
    this.deps.lobby.joined(input.conn);
    directory.claim(peer.id);
    if (restore) resume.arrive(room, peer, claim);
    this.deps.rebuild.finish(room);
    const effects = toOthers(room, peer.id, (conn) => emit(conn, 'peerJoined', peerInfo(peer)));
    if (ensureHost(room) && !created) effects.push(...settingsChanged(room, peer.id));
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
