import type { Clock, Logger } from '@meshwork/kit';
import {
  type ChatPeerMessage,
  type FileChunkPeerMessage,
  type FileStartPeerMessage,
  PEER_LIMITS,
  type PeerId,
  type PeerMessage,
} from '@meshwork/protocol';
import { MeshRuntimeError } from '../errors';
import type { ChatMessage, MeshErrorCode, MeshEvents } from '../types';
import { chunkCount, fromBase64, sha256Hex, toBase64 } from './bytes';
import { SeenSet } from './SeenSet';

/** A file that receives no chunk for this long is given up (ERR_FILE_ABORTED). */
export const FILE_STALL_TIMEOUT_MS = 30_000;
/** Message ids remembered for exactly-once delivery. */
export const SEEN_CAPACITY = 100_000;
/** Chunks held for a file whose announcement has not arrived yet (it took another path). */
export const MAX_ORPHAN_CHUNKS = 512;

/** What the data plane needs from the controller. */
export interface DataPlaneDeps {
  self: PeerId;
  clock: Clock;
  logger: Logger;
  /** Peers a message of `origin` goes on to, having arrived from `from` (null: it is ours). */
  nextHops(origin: PeerId, from: PeerId | null): PeerId[];
  /** Hands a message to the link to `to`; false if that link could not take it. */
  send(to: PeerId, message: PeerMessage): Promise<boolean>;
  emit<E extends keyof MeshEvents>(event: E, payload: MeshEvents[E]): void;
}

interface Assembly {
  start: FileStartPeerMessage;
  parts: Array<Uint8Array | undefined>;
  received: number;
  bytes: number;
  timer: unknown;
}

type RoomData = Exclude<PeerMessage, { t: 'ping' } | { t: 'pong' }>;

function chatId(message: ChatPeerMessage): string {
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
 * media: a message of origin o is passed on to the `to` peers of the forward entries for o.
 * Each message is delivered and passed on only the first time it is seen, so it reaches every
 * peer exactly once even while two plans' routes overlap.
 */
export class DataPlane {
  private chatSeq = 0;
  private fileSeq = 0;
  private readonly seen = new SeenSet(SEEN_CAPACITY);
  private readonly finished = new SeenSet(1_024);
  private readonly transfers = new Map<string, Assembly>();
  private readonly orphans = new Map<string, FileChunkPeerMessage[]>();
  private orphanCount = 0;
  private closed = false;

  constructor(private readonly deps: DataPlaneDeps) {}

  /** Sends a chat message to the room. Misuse (empty or too long) throws at once. */
  sendChat(text: string): ChatMessage {
    if (text.length === 0 || text.length > PEER_LIMITS.chatMaxChars) {
      throw new MeshRuntimeError(
        'ERR_BAD_ARGUMENT',
        `Chat text must be 1-${PEER_LIMITS.chatMaxChars} characters`,
      );
    }
    const message: ChatPeerMessage = {
      t: 'chat',
      origin: this.deps.self,
      seq: this.chatSeq++,
      text,
      sentAt: this.deps.clock.now(),
    };
    this.seen.add(messageId(message));
    void this.route(message, null);
    return { id: chatId(message), origin: message.origin, text, sentAt: message.sentAt };
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
    const transferId = `${this.deps.self}:${this.fileSeq++}`;
    const start: FileStartPeerMessage = {
      t: 'file-start',
      transferId,
      origin: this.deps.self,
      name: file.name,
      mimeType: file.mimeType.slice(0, PEER_LIMITS.mimeTypeMaxChars),
      size: data.byteLength,
      chunks: chunkCount(data.byteLength, chunkBytes),
      sha256: await sha256Hex(data),
    };
    this.seen.add(messageId(start));
    await this.route(start, null);
    const progress = {
      transferId,
      origin: this.deps.self,
      name: file.name,
      size: data.byteLength,
      direction: 'send' as const,
    };
    for (let index = 0; index < start.chunks; index++) {
      if (this.closed) throw new MeshRuntimeError('ERR_CLOSED', 'The mesh controller closed');
      const slice = data.subarray(index * chunkBytes, (index + 1) * chunkBytes);
      const chunk: FileChunkPeerMessage = {
        t: 'file-chunk',
        transferId,
        origin: this.deps.self,
        index,
        data: toBase64(slice),
      };
      this.seen.add(messageId(chunk));
      // Awaiting the links' queues is the backpressure: a slow link slows the reader.
      await this.route(chunk, null);
      const bytes = Math.min(data.byteLength, (index + 1) * chunkBytes);
      this.deps.emit('fileProgressed', { ...progress, bytes });
    }
    return { transferId };
  }

  /** Handles a room-data message that arrived on the link to `from`. */
  handle(from: PeerId, message: PeerMessage): void {
    if (this.closed || message.t === 'ping' || message.t === 'pong') return;
    if (message.origin === this.deps.self) return;
    if (message.t !== 'chat' && !message.transferId.startsWith(`${message.origin}:`)) {
      this.raise('ERR_BAD_PEER_MESSAGE', 'transfer id does not name its origin', from);
      return;
    }
    if (!this.seen.add(messageId(message))) return;
    void this.route(message, from);
    switch (message.t) {
      case 'chat':
        this.deps.emit('chatReceived', {
          id: chatId(message),
          origin: message.origin,
          text: message.text,
          sentAt: message.sentAt,
        });
        break;
      case 'file-start':
        this.onFileStart(message);
        break;
      case 'file-chunk':
        this.onFileChunk(message);
        break;
    }
  }

  /** Stops every transfer's timer; later messages are ignored. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const assembly of this.transfers.values()) this.deps.clock.clearTimeout(assembly.timer);
    this.transfers.clear();
    this.orphans.clear();
  }

  private async route(message: RoomData, from: PeerId | null): Promise<void> {
    const hops = this.deps.nextHops(message.origin, from);
    await Promise.all(hops.map((to) => this.deps.send(to, message)));
  }

  private onFileStart(start: FileStartPeerMessage): void {
    if (start.size > PEER_LIMITS.fileMaxBytes) {
      this.raise(
        'ERR_FILE_TOO_LARGE',
        `${start.name} is larger than the room accepts`,
        start.origin,
      );
      return;
    }
    if (start.chunks !== chunkCount(start.size, PEER_LIMITS.fileChunkBytes)) {
      this.raise('ERR_BAD_PEER_MESSAGE', 'file chunk count does not match its size', start.origin);
      return;
    }
    const assembly: Assembly = {
      start,
      parts: new Array<Uint8Array | undefined>(start.chunks),
      received: 0,
      bytes: 0,
      timer: null,
    };
    this.transfers.set(start.transferId, assembly);
    this.armStallTimer(assembly);
    const early = this.orphans.get(start.transferId) ?? [];
    this.orphans.delete(start.transferId);
    this.orphanCount -= early.length;
    for (const chunk of early) this.onFileChunk(chunk);
    if (start.chunks === 0) void this.finish(assembly);
  }

  private onFileChunk(chunk: FileChunkPeerMessage): void {
    const assembly = this.transfers.get(chunk.transferId);
    if (assembly === undefined) {
      if (this.finished.has(chunk.transferId)) return;
      if (this.orphanCount >= MAX_ORPHAN_CHUNKS) {
        this.raise('ERR_FILE_ABORTED', 'too many chunks of unannounced files', chunk.origin);
        return;
      }
      const list = this.orphans.get(chunk.transferId) ?? [];
      list.push(chunk);
      this.orphans.set(chunk.transferId, list);
      this.orphanCount += 1;
      return;
    }
    const { start } = assembly;
    const chunkBytes = PEER_LIMITS.fileChunkBytes;
    const expected = Math.min(chunkBytes, start.size - chunk.index * chunkBytes);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(chunk.data);
    } catch {
      this.abort(assembly, 'ERR_BAD_PEER_MESSAGE', 'malformed file chunk');
      return;
    }
    if (chunk.index >= start.chunks || bytes.byteLength !== expected) {
      this.abort(assembly, 'ERR_BAD_PEER_MESSAGE', 'file chunk of the wrong size or index');
      return;
    }
    if (assembly.parts[chunk.index] !== undefined) return;
    assembly.parts[chunk.index] = bytes;
    assembly.received += 1;
    assembly.bytes += bytes.byteLength;
    this.armStallTimer(assembly);
    this.deps.emit('fileProgressed', {
      transferId: start.transferId,
      origin: start.origin,
      name: start.name,
      size: start.size,
      bytes: assembly.bytes,
      direction: 'receive',
    });
    if (assembly.received === start.chunks) void this.finish(assembly);
  }

  private async finish(assembly: Assembly): Promise<void> {
    const { start } = assembly;
    this.deps.clock.clearTimeout(assembly.timer);
    this.transfers.delete(start.transferId);
    this.finished.add(start.transferId);
    const data = new Uint8Array(start.size);
    let offset = 0;
    for (const part of assembly.parts) {
      if (part === undefined) return;
      data.set(part, offset);
      offset += part.byteLength;
    }
    const sha256 = await sha256Hex(data);
    if (sha256 !== start.sha256) {
      this.raise(
        'ERR_FILE_HASH_MISMATCH',
        `${start.name}: SHA-256 does not match; the file was discarded`,
        start.origin,
      );
      return;
    }
    this.deps.emit('fileReceived', {
      transferId: start.transferId,
      origin: start.origin,
      name: start.name,
      mimeType: start.mimeType,
      size: start.size,
      sha256,
      data,
    });
  }

  private armStallTimer(assembly: Assembly): void {
    if (assembly.timer !== null) this.deps.clock.clearTimeout(assembly.timer);
    assembly.timer = this.deps.clock.setTimeout(() => {
      this.abort(assembly, 'ERR_FILE_ABORTED', `${assembly.start.name}: transfer stalled`);
    }, FILE_STALL_TIMEOUT_MS);
  }

  private abort(assembly: Assembly, code: MeshErrorCode, message: string): void {
    this.deps.clock.clearTimeout(assembly.timer);
    this.transfers.delete(assembly.start.transferId);
    this.finished.add(assembly.start.transferId);
    this.raise(code, message, assembly.start.origin);
  }

  private raise(code: MeshErrorCode, message: string, peer: PeerId): void {
    this.deps.logger.warn(message, { code, peer });
    this.deps.emit('errorRaised', { code, message, peer });
  }
}
