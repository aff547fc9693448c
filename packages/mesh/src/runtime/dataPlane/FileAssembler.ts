import { type Clock, Timers } from '@meshwork/kit';
import {
  type FileChunkPeerMessage,
  type FileStartPeerMessage,
  PEER_LIMITS,
  type PeerId,
} from '@meshwork/protocol';
import type { MeshErrorCode, MeshEvents } from '../types';
import { chunkCount, fromBase64, sha256Hex } from './bytes';
import { SeenSet } from './SeenSet';

/** A file that receives no chunk for this long is given up (ERR_FILE_ABORTED). */
export const FILE_STALL_TIMEOUT_MS = 30_000;
/** Chunks held for a file whose announcement has not arrived yet (it took another path). */
export const MAX_ORPHAN_CHUNKS = 512;
/** Held chunks whose announcement never came (or was forged) are dropped after this long. */
export const ORPHAN_CHUNK_TTL_MS = 10_000;
/** Files assembled at once from one origin; more is ERR_TOO_MANY_TRANSFERS ([M21]). */
export const MAX_INCOMING_TRANSFERS_PER_ORIGIN = 4;
/** Files assembled at once from the whole room. */
export const MAX_INCOMING_TRANSFERS = 16;
/** Bytes announced by the files being assembled at once (four files of the largest size). */
export const MAX_INCOMING_BYTES = 4 * PEER_LIMITS.fileMaxBytes;

/** What the assembler needs from the data plane. */
export interface FileAssemblerDeps {
  clock: Clock;
  emit<E extends keyof MeshEvents>(event: E, payload: MeshEvents[E]): void;
  /** Reports (and counts) a rejected transfer or chunk. */
  raise(code: MeshErrorCode, message: string, peer: PeerId): void;
}

/** What became of a chunk: `relay` it on (held or assembled), or `drop` it here. */
export type ChunkVerdict = 'relay' | 'drop';

interface Assembly {
  start: FileStartPeerMessage;
  parts: Array<Uint8Array | undefined>;
  received: number;
  bytes: number;
}

/**
 * Incoming files of verified announcements ([M15], [M21]): assembles chunks, verifies the
 * SHA-256, holds chunks that overtook their announcement for a while, and bounds the memory a
 * room can make this peer hold.
 */
export class FileAssembler {
  readonly #transfers = new Map<string, Assembly>();
  readonly #finished = new SeenSet(1_024);
  /** Transfers whose chunks are dropped: refused over a bound, or announced with a bad signature. */
  readonly #refused = new SeenSet(1_024);
  readonly #orphans = new Map<string, FileChunkPeerMessage[]>();
  #orphanCount = 0;
  readonly #stalls: Timers;
  readonly #orphanExpiry: Timers;

  readonly #deps: FileAssemblerDeps;

  constructor(deps: FileAssemblerDeps) {
    this.#deps = deps;
    this.#stalls = new Timers(deps.clock);
    this.#orphanExpiry = new Timers(deps.clock);
  }

  /** Files being assembled now. */
  get active(): number {
    return this.#transfers.size;
  }

  /**
   * Why a verified announcement cannot be taken, or null: its shape, or a bound of [M21]. A
   * refused transfer's chunks are dropped from then on.
   */
  admit(start: FileStartPeerMessage): { code: MeshErrorCode; message: string } | null {
    const refusal = this.#refusal(start);
    if (refusal !== null) this.discard(start.transferId);
    return refusal;
  }

  /** Starts assembling a verified, admitted announcement, taking any chunks held for it. */
  begin(start: FileStartPeerMessage): void {
    this.#refused.delete(start.transferId);
    const assembly: Assembly = {
      start,
      parts: new Array<Uint8Array | undefined>(start.chunks),
      received: 0,
      bytes: 0,
    };
    this.#transfers.set(start.transferId, assembly);
    this.#armStall(assembly);
    const early = this.#takeOrphans(start.transferId);
    for (const chunk of early) this.chunk(chunk);
    if (start.chunks === 0) void this.#finish(assembly);
  }

  /**
   * Drops the chunks held for an announcement that failed its signature (or a bound), and drops
   * its later chunks, until a valid announcement of the same id arrives by another route.
   */
  discard(transferId: string): void {
    this.#takeOrphans(transferId);
    this.#refused.add(transferId);
  }

  /** Takes one chunk (its route already checked): assembled, held, or dropped. */
  chunk(chunk: FileChunkPeerMessage): ChunkVerdict {
    const assembly = this.#transfers.get(chunk.transferId);
    if (assembly === undefined) return this.#orphan(chunk);
    const { start } = assembly;
    const chunkBytes = PEER_LIMITS.fileChunkBytes;
    const expected = Math.min(chunkBytes, start.size - chunk.index * chunkBytes);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(chunk.data);
    } catch {
      this.#abort(assembly, 'ERR_BAD_PEER_MESSAGE', 'malformed file chunk');
      return 'drop';
    }
    if (chunk.index >= start.chunks || bytes.byteLength !== expected) {
      this.#abort(assembly, 'ERR_BAD_PEER_MESSAGE', 'file chunk of the wrong size or index');
      return 'drop';
    }
    if (assembly.parts[chunk.index] !== undefined) return 'relay';
    assembly.parts[chunk.index] = bytes;
    assembly.received += 1;
    assembly.bytes += bytes.byteLength;
    this.#armStall(assembly);
    this.#deps.emit('fileProgressed', {
      transferId: start.transferId,
      origin: start.origin,
      name: start.name,
      size: start.size,
      bytes: assembly.bytes,
      direction: 'receive',
    });
    if (assembly.received === start.chunks) void this.#finish(assembly);
    return 'relay';
  }

  /** Stops every timer and forgets every transfer. */
  close(): void {
    this.#stalls.clearAll();
    this.#orphanExpiry.clearAll();
    this.#transfers.clear();
    this.#orphans.clear();
    this.#orphanCount = 0;
  }

  #refusal(start: FileStartPeerMessage): { code: MeshErrorCode; message: string } | null {
    if (start.size > PEER_LIMITS.fileMaxBytes) {
      return {
        code: 'ERR_FILE_TOO_LARGE',
        message: `${start.name} is larger than the room accepts`,
      };
    }
    if (start.chunks !== chunkCount(start.size, PEER_LIMITS.fileChunkBytes)) {
      return { code: 'ERR_BAD_PEER_MESSAGE', message: 'file chunk count does not match its size' };
    }
    let fromOrigin = 0;
    let bytes = 0;
    for (const { start: other } of this.#transfers.values()) {
      if (other.origin === start.origin) fromOrigin += 1;
      bytes += other.size;
    }
    if (
      fromOrigin >= MAX_INCOMING_TRANSFERS_PER_ORIGIN ||
      this.#transfers.size >= MAX_INCOMING_TRANSFERS ||
      bytes + start.size > MAX_INCOMING_BYTES
    ) {
      return {
        code: 'ERR_TOO_MANY_TRANSFERS',
        message: `${start.name}: too many files arriving at once; refused`,
      };
    }
    return null;
  }

  #orphan(chunk: FileChunkPeerMessage): ChunkVerdict {
    // A finished file's late copy (another route) still goes on: a peer downstream may need it.
    if (this.#finished.has(chunk.transferId)) return 'relay';
    if (this.#refused.has(chunk.transferId)) return 'drop';
    if (this.#orphanCount >= MAX_ORPHAN_CHUNKS) {
      this.#deps.raise('ERR_FILE_ABORTED', 'too many chunks of unannounced files', chunk.origin);
      return 'drop';
    }
    const list = this.#orphans.get(chunk.transferId) ?? [];
    if (list.length === 0) {
      this.#orphanExpiry.set(chunk.transferId, ORPHAN_CHUNK_TTL_MS, () =>
        this.#takeOrphans(chunk.transferId),
      );
    }
    list.push(chunk);
    this.#orphans.set(chunk.transferId, list);
    this.#orphanCount += 1;
    return 'relay';
  }

  #takeOrphans(transferId: string): FileChunkPeerMessage[] {
    const list = this.#orphans.get(transferId) ?? [];
    this.#orphans.delete(transferId);
    this.#orphanExpiry.clear(transferId);
    this.#orphanCount -= list.length;
    return list;
  }

  async #finish(assembly: Assembly): Promise<void> {
    const { start } = assembly;
    this.#stalls.clear(start.transferId);
    this.#transfers.delete(start.transferId);
    this.#finished.add(start.transferId);
    const data = new Uint8Array(start.size);
    let offset = 0;
    for (const part of assembly.parts) {
      if (part === undefined) return;
      data.set(part, offset);
      offset += part.byteLength;
    }
    const sha256 = await sha256Hex(data);
    if (sha256 !== start.sha256) {
      this.#deps.raise(
        'ERR_FILE_HASH_MISMATCH',
        `${start.name}: SHA-256 does not match; the file was discarded`,
        start.origin,
      );
      return;
    }
    this.#deps.emit('fileReceived', {
      transferId: start.transferId,
      origin: start.origin,
      name: start.name,
      mimeType: start.mimeType,
      size: start.size,
      sha256,
      data,
    });
  }

  #armStall(assembly: Assembly): void {
    this.#stalls.set(assembly.start.transferId, FILE_STALL_TIMEOUT_MS, () =>
      this.#abort(assembly, 'ERR_FILE_ABORTED', `${assembly.start.name}: transfer stalled`),
    );
  }

  #abort(assembly: Assembly, code: MeshErrorCode, message: string): void {
    this.#stalls.clear(assembly.start.transferId);
    this.#transfers.delete(assembly.start.transferId);
    this.#finished.add(assembly.start.transferId);
    this.#deps.raise(code, message, assembly.start.origin);
  }
}
