import type { Clock } from '@meshwork/kit';
import type {
  AudioRouting,
  JoinRequest,
  JoinResult,
  LinkReport,
  PeerId,
  Reaction,
  Result,
  TopologySetting,
  UpdateRoomRequest,
} from '@meshwork/protocol';
import { AckCalls, type AckOutcome, type AckSend } from './AckCalls';
import { SessionError } from './errors';
import type { ClientSocket } from './SignalConnection';

/** Deadline for an ack from the signal app. */
export const ACK_TIMEOUT_MS = 10_000;
/** Deadline for the `leave` ack; leaving never waits longer than this. */
export const LEAVE_TIMEOUT_MS = 2_000;

/** Where the session is, as far as a request can be sent. */
export interface RequestContext {
  /** The socket while the connection is joined, else null. */
  joinedSocket(): ClientSocket | null;
  closed(): boolean;
}

/**
 * The requests this peer waits on, each bounded by a deadline (`AckCalls`): a refusal rejects
 * with the server's code, a missing answer with `ERR_TIMEOUT`, a dropped connection with
 * `ERR_UNREACHABLE` (through `failAll`). Misuse rejects at once: `ERR_CLOSED`, `ERR_NOT_JOINED`.
 */
export class SignalRequests {
  readonly #calls: AckCalls;
  readonly #context: RequestContext;

  constructor(clock: Clock, context: RequestContext) {
    this.#calls = new AckCalls(clock);
    this.#context = context;
  }

  /** Sends a join on `socket` (not joined yet) and hands its outcome to `done` synchronously. */
  join(socket: ClientSocket, req: JoinRequest, done: (o: AckOutcome<JoinResult>) => void): void {
    this.#calls.send<JoinResult>(ACK_TIMEOUT_MS, (ack) => socket.emit('join', req, ack), done);
  }

  /** Asks the room to switch topology, and its audio routing when given (SPEC [P30]). */
  setTopology(topology: TopologySetting, audioRouting?: AudioRouting): Promise<void> {
    const req = audioRouting === undefined ? { topology } : { topology, audioRouting };
    return this.#ask((socket, ack) => socket.emit('setTopology', req, ack));
  }

  /** Asks the room for a hub preference (null: the planner picks). */
  setHub(hub: PeerId | null): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('setHub', { hub }, ack));
  }

  /** Host only (SPEC [P15]): changes the room's policy, lock or password. */
  updateRoom(req: UpdateRoomRequest): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('updateRoom', req, ack));
  }

  /** Host only: removes `peer` from the room. */
  removePeer(peer: PeerId): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('removePeer', { peer }, ack));
  }

  /** Host only: hands the host role to `peer`. */
  transferHost(peer: PeerId): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('transferHost', { peer }, ack));
  }

  /** Host only (SPEC [P25]): lets lobby waiter `id` in, or turns it away. */
  answerLobby(id: string, admit: boolean): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('answerLobby', { id, admit }, ack));
  }

  /** Raises or lowers this peer's hand, or (host, lowering) `peer`'s (SPEC [P26]). */
  raiseHand(raised: boolean, peer?: PeerId): Promise<void> {
    const req = peer === undefined ? { raised } : { raised, peer };
    return this.#ask((socket, ack) => socket.emit('raiseHand', req, ack));
  }

  /** Shows a reaction to the room; over the budget it rejects with `ERR_RATE_LIMITED`. */
  react(reaction: Reaction): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('react', { reaction }, ack));
  }

  /** Says whether this peer records the call (SPEC [P29]); a refused start rejects with its code. */
  setRecording(recording: boolean): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('setRecording', { recording }, ack));
  }

  /** Reports link states and waits for the room to take them. */
  reportLinks(links: LinkReport[]): Promise<void> {
    return this.#ask((socket, ack) => socket.emit('reportLinks', { links }, ack));
  }

  /** Tells the room this peer leaves, waiting at most LEAVE_TIMEOUT_MS; false if not joined. */
  async leave(): Promise<boolean> {
    const socket = this.#context.closed() ? null : this.#context.joinedSocket();
    if (!socket) return false;
    await this.#calls.call<Result>(LEAVE_TIMEOUT_MS, (ack) => socket.emit('leave', ack));
    return true;
  }

  /** Ends every pending request with `error`: their answers will never come. */
  failAll(error: SessionError): void {
    this.#calls.failAll(error);
  }

  async #ask(send: (socket: ClientSocket, ack: (res: Result) => void) => void): Promise<void> {
    if (this.#context.closed()) throw new SessionError('ERR_CLOSED');
    const socket = this.#context.joinedSocket();
    if (!socket) throw new SessionError('ERR_NOT_JOINED');
    const emit: AckSend<Result> = (ack) => send(socket, ack);
    const res = await this.#calls.call<Result>(ACK_TIMEOUT_MS, emit);
    if (!res.ok) throw new SessionError(res.error, res.message);
  }
}
