import { type Clock, type Logger, SerialQueue } from '@meshwork/kit';
import {
  type ChatPeerMessage,
  type FileChunkPeerMessage,
  type FileStartPeerMessage,
  LIMITS,
  PEER_LIMITS,
  type PeerId,
  type PeerMessage,
  type PublicKey,
  type SignedPeerMessage,
  signingInput,
} from '@meshwork/protocol';
import { MeshRuntimeError } from '../errors';
import type { ChatMessage, MeshErrorCode, MeshEvents, Signer } from '../types';
import { chunkCount, sha256Hex, toBase64 } from './bytes';
import { FileAssembler } from './FileAssembler';
import { KeyWait } from './KeyWait';
import { SeenSet } from './SeenSet';
import { SignatureVerifier } from './signing';

/** Message ids remembered for exactly-once delivery. */
export const SEEN_CAPACITY = 100_000;
/**
 * Messages of one link waiting behind a signature check; past this the link floods faster than
 * this peer verifies, and its messages are dropped (ERR_BAD_PEER_MESSAGE) until it catches up.
 */
export const INBOUND_BACKLOG_MAX = 1_024;

/** What the data plane needs from the controller. */
export interface DataPlaneDeps {
  self: PeerId;
  clock: Clock;
  logger: Logger;
  /** Signs this peer's chat and file announcements. */
  signer: Signer;
  /** WebCrypto, to verify other origins' signatures. */
  subtle: SubtleCrypto;
  /** Peers a message of `origin` goes on to, having arrived from `from` (null: it is ours). */
  nextHops(origin: PeerId, from: PeerId | null): PeerId[];
  /** Whether a plan in force routes `origin`'s data to this peer through `from` ([M20]). */
  arrivesFrom(origin: PeerId, from: PeerId): boolean;
  /** Hands a message to the link to `to`; false if that link could not take it. */
  send(to: PeerId, message: PeerMessage): Promise<boolean>;
  emit<E extends keyof MeshEvents>(event: E, payload: MeshEvents[E]): void;
}

type RoomData = Exclude<PeerMessage, { t: 'ping' } | { t: 'pong' } | { t: 'e2ee-key' }>;

function chatId(message: Pick<ChatPeerMessage, 'origin' | 'seq'>): string {
  return `${message.origin}:${message.seq}`;
}

/** Dedupe key of a message; the kind is part of it, as chat ids and transfer ids look alike. */
function messageId(message: RoomData): string {
  switch (message.t) {
    case 'chat':
      return `chat ${chatId(message)}`;
    case 'file-start':
      return `file ${message.transferId}`;
    case 'file-chunk':
      return `chunk ${message.transferId}#${message.index}`;
  }
}

/**
 * Chat and files over the links' control channels, routed along the same per-origin trees as
 * media ([M14]). Chat and file announcements are signed by their origin; a received one is
 * shown, relayed and marked seen only once its signature, route and time check out ([M19],
 * [M20]), so no neighbour can speak for another origin or burn its sequence numbers.
 */
export class DataPlane {
  #chatSeq = 0;
  #fileSeq = 0;
  readonly #seen = new SeenSet(SEEN_CAPACITY);
  readonly #verifier: SignatureVerifier;
  readonly #files: FileAssembler;
  readonly #waiting: KeyWait;
  /** One queue per link keeps its messages in arrival order across signature checks. */
  readonly #inbound = new Map<PeerId, SerialQueue>();
  /** Keeps this peer's chat on the wire in `seq` order while each is signed. */
  readonly #outbound = new SerialQueue();
  #rejectedCount = 0;
  #closed = false;

  readonly #deps: DataPlaneDeps;

  constructor(deps: DataPlaneDeps) {
    this.#deps = deps;
    this.#verifier = new SignatureVerifier(deps.subtle);
    this.#files = new FileAssembler({
      clock: deps.clock,
      emit: deps.emit,
      raise: (code, message, peer) => this.#raise(code, message, peer),
    });
    this.#waiting = new KeyWait(deps.clock, ({ from, message }) =>
      this.#reject('ERR_BAD_SIGNATURE', `no key published for ${message.origin} in time`, from),
    );
  }

  /** Messages dropped by the checks of [M19]-[M21] so far. */
  get rejected(): number {
    return this.#rejectedCount;
  }

  /** The room's published keys; held messages of origins now known are checked again. */
  setPeerKeys(keys: ReadonlyMap<PeerId, PublicKey>): void {
    this.#verifier.setKeys(keys);
    for (const { from, message } of this.#waiting.release((o) => this.#verifier.has(o))) {
      this.handle(from, message);
    }
  }

  /** Signs and sends a chat message to the room. Misuse (empty or too long) rejects at once. */
  async sendChat(text: string): Promise<ChatMessage> {
    if (text.length === 0 || text.length > PEER_LIMITS.chatMaxChars) {
      throw new MeshRuntimeError(
        'ERR_BAD_ARGUMENT',
        `Chat text must be 1-${PEER_LIMITS.chatMaxChars} characters`,
      );
    }
    const unsigned = {
      t: 'chat' as const,
      origin: this.#deps.self,
      seq: this.#chatSeq++,
      text,
      sentAt: this.#deps.clock.now(),
    };
    return this.#outbound.push(async () => {
      const message: ChatPeerMessage = { ...unsigned, sig: await this.#sign(unsigned) };
      this.#seen.add(messageId(message));
      void this.#route(message, null);
      return { id: chatId(message), origin: message.origin, text, sentAt: message.sentAt };
    });
  }

  /** Sends a file to the room in chunks; resolves once every chunk is handed to the links. */
  async sendFile(file: {
    name: string;
    mimeType: string;
    data: Uint8Array;
  }): Promise<{ transferId: string }> {
    const { data } = file;
    if (data.byteLength > PEER_LIMITS.fileMaxBytes) {
      throw new MeshRuntimeError(
        'ERR_FILE_TOO_LARGE',
        `Files are at most ${PEER_LIMITS.fileMaxBytes} bytes`,
      );
    }
    if (file.name.length === 0 || file.name.length > PEER_LIMITS.fileNameMaxChars) {
      throw new MeshRuntimeError(
        'ERR_BAD_ARGUMENT',
        `File names are 1-${PEER_LIMITS.fileNameMaxChars} characters`,
      );
    }
    const chunkBytes = PEER_LIMITS.fileChunkBytes;
    const transferId = `${this.#deps.self}:${this.#fileSeq++}`;
    const unsigned = {
      t: 'file-start' as const,
      transferId,
      origin: this.#deps.self,
      name: file.name,
      mimeType: file.mimeType.slice(0, PEER_LIMITS.mimeTypeMaxChars),
      size: data.byteLength,
      chunks: chunkCount(data.byteLength, chunkBytes),
      sha256: await sha256Hex(data),
    };
    const start: FileStartPeerMessage = { ...unsigned, sig: await this.#sign(unsigned) };
    this.#seen.add(messageId(start));
    await this.#route(start, null);
    const progress = {
      transferId,
      origin: this.#deps.self,
      name: file.name,
      size: data.byteLength,
      direction: 'send' as const,
    };
    for (let index = 0; index < start.chunks; index++) {
      if (this.#closed) throw new MeshRuntimeError('ERR_CLOSED', 'The mesh controller closed');
      const slice = data.subarray(index * chunkBytes, (index + 1) * chunkBytes);
      const chunk: FileChunkPeerMessage = {
        t: 'file-chunk',
        transferId,
        origin: this.#deps.self,
        index,
        data: toBase64(slice),
      };
      this.#seen.add(messageId(chunk));
      // Awaiting the links' queues is the backpressure: a slow link slows the reader.
      await this.#route(chunk, null);
      const bytes = Math.min(data.byteLength, (index + 1) * chunkBytes);
      this.#deps.emit('fileProgressed', { ...progress, bytes });
    }
    return { transferId };
  }

  /** Handles a room-data message that arrived on the link to `from`, after that link's earlier ones. */
  handle(from: PeerId, message: PeerMessage): void {
    // Frame keys are the controller's (SPEC [P31]); pings the link's.
    if (this.#closed || message.t === 'ping' || message.t === 'pong' || message.t === 'e2ee-key') {
      return;
    }
    let queue = this.#inbound.get(from);
    if (queue === undefined) {
      queue = new SerialQueue();
      this.#inbound.set(from, queue);
    }
    if (queue.size >= INBOUND_BACKLOG_MAX) {
      this.#reject('ERR_BAD_PEER_MESSAGE', 'link sends faster than its messages verify', from);
      return;
    }
    const own = queue;
    void own
      .push(() => this.#receive(from, message))
      .catch((error: unknown) => this.#deps.logger.error('data message failed', { error }))
      .finally(() => {
        if (own.size === 0 && this.#inbound.get(from) === own) this.#inbound.delete(from);
      });
  }

  /** Stops every transfer's timer; later messages are ignored. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#files.close();
    this.#waiting.clear();
  }

  async #receive(from: PeerId, message: RoomData): Promise<void> {
    if (this.#closed || message.origin === this.#deps.self) return;
    if (message.t !== 'chat' && !message.transferId.startsWith(`${message.origin}:`)) {
      this.#reject('ERR_BAD_PEER_MESSAGE', 'transfer id does not name its origin', from);
      return;
    }
    if (!this.#deps.arrivesFrom(message.origin, from)) {
      this.#reject('ERR_WRONG_ROUTE', `${from} relayed ${message.origin}'s data off route`, from);
      return;
    }
    const id = messageId(message);
    // A copy of a message already verified: nothing new, whatever its content says.
    if (this.#seen.has(id)) return;
    if (message.t === 'file-chunk') {
      if (this.#files.chunk(message) === 'drop') return;
      this.#seen.add(id);
      void this.#route(message, from);
      return;
    }
    if (message.t === 'chat' && !this.#fresh(message.sentAt)) {
      this.#reject('ERR_STALE_MESSAGE', `chat sentAt ${message.sentAt} is out of range`, from);
      return;
    }
    if (!(await this.#verified(from, message)) || this.#closed) return;
    // Two routes may deliver copies at once: only the first to pass the checks counts.
    if (!this.#seen.add(id)) return;
    if (message.t === 'file-start') {
      const refusal = this.#files.admit(message);
      if (refusal !== null) {
        this.#reject(refusal.code, refusal.message, message.origin);
        return;
      }
    }
    void this.#route(message, from);
    if (message.t === 'chat') {
      this.#deps.emit('chatReceived', {
        id: chatId(message),
        origin: message.origin,
        text: message.text,
        sentAt: message.sentAt,
      });
    } else {
      this.#files.begin(message);
    }
  }

  /** True once the origin's signature checks out; held while its key is unknown ([M19]). */
  async #verified(from: PeerId, message: SignedPeerMessage): Promise<boolean> {
    if (!this.#verifier.has(message.origin)) {
      if (!this.#waiting.hold(from, message)) {
        this.#reject('ERR_BAD_SIGNATURE', `no key published for ${message.origin}`, from);
      }
      return false;
    }
    const { sig, ...unsigned } = message;
    if (await this.#verifier.verify(message.origin, signingInput(unsigned), sig)) return true;
    if (message.t === 'file-start') this.#files.discard(message.transferId);
    this.#reject('ERR_BAD_SIGNATURE', `${message.t} not signed by ${message.origin}`, from);
    return false;
  }

  #fresh(sentAt: number): boolean {
    return Math.abs(sentAt - this.#deps.clock.now()) <= LIMITS.peerClockSkewMaxMs;
  }

  #sign(unsigned: Parameters<typeof signingInput>[0]): Promise<string> {
    return this.#deps.signer.sign(signingInput(unsigned));
  }

  async #route(message: RoomData, from: PeerId | null): Promise<void> {
    const hops = this.#deps.nextHops(message.origin, from);
    await Promise.all(hops.map((to) => this.#deps.send(to, message)));
  }

  /** A message dropped by a check: counted, reported, never delivered. */
  #reject(code: MeshErrorCode, message: string, peer: PeerId): void {
    this.#rejectedCount += 1;
    this.#raise(code, message, peer);
  }

  #raise(code: MeshErrorCode, message: string, peer: PeerId): void {
    this.#deps.logger.warn(message, { code, peer });
    this.#deps.emit('errorRaised', { code, message, peer });
  }
}
