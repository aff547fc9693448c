/**
 * The text patterns and number ranges of the wire contract, free of any schema library so the
 * zod schemas (the signal app's trust boundary) and the browser's guards (`peerGuard`) share
 * them, character for character.
 */

/** Server-assigned peer id: 8-32 URL-safe characters. */
export const PEER_ID_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
/** A stream key: `cam`, `screen`, ... */
export const STREAM_KEY_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
/** An ECDSA P-256 / SHA-256 signature in IEEE P1363 form (64 bytes), base64url. */
export const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{86}$/;
/** A file transfer id: `${origin}:${seq}`. */
export const TRANSFER_ID_PATTERN = /^[A-Za-z0-9_-]{8,32}:\d{1,15}$/;
/** A SHA-256 digest in lowercase hex. */
export const SHA256_HEX_PATTERN = /^[0-9a-f]{64}$/;
/** Standard base64 with optional padding. */
export const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

/** A raw uncompressed P-256 point (65 bytes), base64url: ECDH keys of end-to-end encryption. */
export const P256_POINT_PATTERN = /^[A-Za-z0-9_-]{87}$/;
/** A wrapped frame key (12-byte IV, 32-byte key, 16-byte tag), base64url. */
export const WRAPPED_KEY_PATTERN = /^[A-Za-z0-9_-]{80}$/;

/** The largest time `Date` can hold, in ms since the epoch (|t| <= 8.64e15). */
export const MAX_TIMESTAMP_MS = 8_640_000_000_000_000;
