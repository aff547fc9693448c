import {
  BASE64_PATTERN,
  MAX_TIMESTAMP_MS,
  P256_POINT_PATTERN,
  PEER_ID_PATTERN,
  SHA256_HEX_PATTERN,
  SIGNATURE_PATTERN,
  TRANSFER_ID_PATTERN,
  WRAPPED_KEY_PATTERN,
} from './patterns';
import type { PeerMessage } from './peer';
import { BASE64_CHUNK_MAX_CHARS, MAX_FILE_CHUNKS, PEER_LIMITS } from './peerLimits';

/**
 * Peer messages checked without a schema library, so a browser bundle carries none (SPEC
 * [P27]). Each check says what `PeerMessageSchema` in `peer.ts` says; `peerGuard.test.ts` holds
 * the two to the same answer and the same parsed value for any text. Like the schema, a guard
 * returns a fresh object of the known fields only (unknown fields are dropped).
 */
type Fields = Record<string, unknown>;

const isString = (v: unknown): v is string => typeof v === 'string';

function text(v: unknown, min: number, max: number): v is string {
  return isString(v) && v.length >= min && v.length <= max;
}

function matches(v: unknown, pattern: RegExp): v is string {
  return isString(v) && pattern.test(v);
}

function int(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

const count = (v: unknown): v is number => int(v, 0, Number.MAX_SAFE_INTEGER);

function ping(m: Fields, t: 'ping' | 'pong'): PeerMessage | null {
  return count(m.id) ? { t, id: m.id } : null;
}

function chat(m: Fields): PeerMessage | null {
  const { origin, seq, text: body, sentAt, sig } = m;
  if (!matches(origin, PEER_ID_PATTERN) || !count(seq)) return null;
  if (!text(body, 1, PEER_LIMITS.chatMaxChars) || !int(sentAt, 0, MAX_TIMESTAMP_MS)) return null;
  if (!matches(sig, SIGNATURE_PATTERN)) return null;
  return { t: 'chat', origin, seq, text: body, sentAt, sig };
}

function fileStart(m: Fields): PeerMessage | null {
  const { transferId, origin, name, mimeType, size, chunks, sha256, sig } = m;
  if (!matches(transferId, TRANSFER_ID_PATTERN) || !matches(origin, PEER_ID_PATTERN)) return null;
  if (!text(name, 1, PEER_LIMITS.fileNameMaxChars)) return null;
  if (!text(mimeType, 0, PEER_LIMITS.mimeTypeMaxChars) || !count(size)) return null;
  if (!int(chunks, 0, MAX_FILE_CHUNKS) || !matches(sha256, SHA256_HEX_PATTERN)) return null;
  if (!matches(sig, SIGNATURE_PATTERN)) return null;
  return { t: 'file-start', transferId, origin, name, mimeType, size, chunks, sha256, sig };
}

function fileChunk(m: Fields): PeerMessage | null {
  const { transferId, origin, index, data } = m;
  if (!matches(transferId, TRANSFER_ID_PATTERN) || !matches(origin, PEER_ID_PATTERN)) return null;
  if (!int(index, 0, MAX_FILE_CHUNKS - 1)) return null;
  if (!text(data, 0, BASE64_CHUNK_MAX_CHARS) || !BASE64_PATTERN.test(data)) return null;
  return { t: 'file-chunk', transferId, origin, index, data };
}

function e2eeKey(m: Fields): PeerMessage | null {
  const { from, to, keyId, dh, wrapped, sig } = m;
  if (!matches(from, PEER_ID_PATTERN) || !matches(to, PEER_ID_PATTERN)) return null;
  if (!int(keyId, 0, 255) || !matches(dh, P256_POINT_PATTERN)) return null;
  if (wrapped !== undefined && !matches(wrapped, WRAPPED_KEY_PATTERN)) return null;
  if (!matches(sig, SIGNATURE_PATTERN)) return null;
  return wrapped === undefined
    ? { t: 'e2ee-key', from, to, keyId, dh, sig }
    : { t: 'e2ee-key', from, to, keyId, dh, wrapped, sig };
}

/** The peer message `value` is (a JSON value), or null when it is none. */
export function peerMessageOf(value: unknown): PeerMessage | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const m = value as Fields;
  switch (m.t) {
    case 'ping':
    case 'pong':
      return ping(m, m.t);
    case 'chat':
      return chat(m);
    case 'file-start':
      return fileStart(m);
    case 'file-chunk':
      return fileChunk(m);
    case 'e2ee-key':
      return e2eeKey(m);
    default:
      return null;
  }
}

/**
 * Parses one data-channel message: size cap, JSON, then the guard. Returns null for anything
 * that is not a valid peer message; the caller reports it.
 */
export function parsePeerMessage(raw: unknown): PeerMessage | null {
  if (typeof raw !== 'string' || raw.length > PEER_LIMITS.messageMaxChars) return null;
  try {
    return peerMessageOf(JSON.parse(raw));
  } catch {
    return null;
  }
}
