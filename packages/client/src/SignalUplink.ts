import type { Logger } from '@meshwork/kit';
import type {
  CapacityHints,
  E2eeKeyPeerMessage,
  LinkReport,
  MediaFlags,
  PeerId,
  Result,
} from '@meshwork/protocol';
import type { ResumeState } from './ResumeState';
import type { ClientSocket } from './SignalConnection';
import { type OutgoingSignal, SignalOutbox } from './SignalOutbox';

/**
 * What this peer tells the signal app without waiting on the answer: the mesh's signals,
 * readiness and link reports, and media flag updates. Sent at once while joined; otherwise
 * signals are queued and the latest readiness and link report remembered, to be replayed once
 * the next join is applied. Refusals are logged, never thrown: nobody is waiting.
 */
export class SignalUplink {
  readonly #joinedSocket: () => ClientSocket | null;
  readonly #resume: ResumeState;
  readonly #logger: Logger;
  readonly #outbox = new SignalOutbox();

  /** `joinedSocket` is the socket while the connection is joined, else null. */
  constructor(joinedSocket: () => ClientSocket | null, resume: ResumeState, logger: Logger) {
    this.#joinedSocket = joinedSocket;
    this.#resume = resume;
    this.#logger = logger;
  }

  /** Relays a signal, or queues it while no joined socket can carry it. */
  signal({ to, epoch, signal }: OutgoingSignal): void {
    const socket = this.#joinedSocket();
    if (!socket) {
      this.#outbox.push({ to, epoch, signal });
      return;
    }
    // Fire-and-forget like trickle ICE: no ack frame per signal; a refusal comes back as
    // `signalRejected` (protocol SPEC [P3]).
    socket.emit('signal', { to, epoch, signal });
  }

  /**
   * Hands a frame-key message to the signal app's relay (SPEC [P33]); dropped while not joined,
   * since the next plan introduces this page to everyone it lacks a key from again.
   */
  e2eeKey(to: PeerId, message: E2eeKeyPeerMessage): void {
    this.#joinedSocket()?.emit('e2eeKey', { to, message }, (res) =>
      this.#logFailure('e2eeKey', res),
    );
  }

  /** Says this peer is ready for a prepared plan version. */
  ready(version: number): void {
    this.#resume.readyFor(version);
    this.#joinedSocket()?.emit('planReady', { version }, (res) => {
      // A newer plan overtook this one: routine, the next readiness follows.
      if (!res.ok && res.error !== 'ERR_STALE_PLAN') this.#logFailure('planReady', res);
    });
  }

  /** Reports this peer's links (the signal app routes around `failed` ones). */
  links(links: LinkReport[]): void {
    this.#resume.reportedLinks(links);
    this.#send(links);
  }

  /** Tells the room changed media flags; dropped while not joined (the join carries them). */
  media(media: Partial<MediaFlags>): void {
    this.#joinedSocket()?.emit('updatePeer', { media }, (res) =>
      this.#logFailure('updatePeer', res),
    );
  }

  /** Tells the room changed capacity hints; dropped while not joined (the join carries them). */
  capacity(capacity: CapacityHints): void {
    this.#joinedSocket()?.emit('updatePeer', { capacity }, (res) =>
      this.#logFailure('updatePeer', res),
    );
  }

  /** After a rejoin: the last link report again, since a restarted app knows nothing. */
  replayLinks(): void {
    const links = this.#resume.lastLinkReport;
    if (links) this.#send(links);
  }

  /** After a join's plan is applied: readiness if it is for that plan, then queued signals. */
  flush(planVersion: number | undefined): void {
    const ready = this.#resume.lastReady;
    if (ready !== null && ready === planVersion) this.ready(ready);
    for (const signal of this.#outbox.drain()) this.signal(signal);
  }

  /** Drops queued signals: the mesh they belong to is gone. */
  clear(): void {
    this.#outbox.clear();
  }

  #send(links: LinkReport[]): void {
    this.#joinedSocket()?.emit('reportLinks', { links }, (res) =>
      this.#logFailure('reportLinks', res),
    );
  }

  #logFailure(what: string, res: Result): void {
    if (!res.ok) this.#logger.warn(`${what} refused`, { error: res.error, message: res.message });
  }
}
