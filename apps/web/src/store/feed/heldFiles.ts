import type { FileEntry, ReceivedBytes } from '../types';

/**
 * Most bytes of received files held in memory at once. A peer decides what it sends, so past
 * this the oldest unsaved files are let go (the person is told to ask for them again).
 */
export const MAX_HELD_FILE_BYTES = 256 * 1024 * 1024;

/** Bytes of received files still held. */
export function heldBytes(files: ReadonlyMap<string, FileEntry>): number {
  let total = 0;
  for (const file of files.values()) total += file.received?.data?.byteLength ?? 0;
  return total;
}

/** `files` with one file's bytes released, or null when it held none. */
export function releaseFile(
  files: ReadonlyMap<string, FileEntry>,
  transferId: string,
  why: NonNullable<ReceivedBytes['released']>,
): Map<string, FileEntry> | null {
  const entry = files.get(transferId);
  if (!entry?.received?.data) return null;
  const next = new Map(files);
  next.set(transferId, { ...entry, received: { ...entry.received, data: null, released: why } });
  return next;
}

/**
 * Releases the oldest held files (in arrival order) until at most `limit` bytes stay held; the
 * newest file is kept while it fits on its own.
 */
export function withinHeldLimit(
  files: Map<string, FileEntry>,
  limit: number = MAX_HELD_FILE_BYTES,
): Map<string, FileEntry> {
  let total = heldBytes(files);
  let out = files;
  for (const [id, entry] of files) {
    if (total <= limit) break;
    const size = entry.received?.data?.byteLength ?? 0;
    if (size === 0) continue;
    out = releaseFile(out, id, 'expired') ?? out;
    total -= size;
  }
  return out;
}
