import * as z from 'zod/mini';
import {
  BASE64_PATTERN,
  P256_POINT_PATTERN,
  SHA256_HEX_PATTERN,
  TRANSFER_ID_PATTERN,
  WRAPPED_KEY_PATTERN,
} from './patterns';
import { BASE64_CHUNK_MAX_CHARS, MAX_FILE_CHUNKS, PEER_LIMITS } from './peerLimits';
import { CountSchema, PeerIdSchema, SignatureSchema, TimestampSchema } from './primitives';

// The browser checks peer messages with `peerGuard` (no schema library in its bundle); a
// property test holds the two to the same answers (SPEC [P27]).

/** A transfer id: `${origin}:${seq}`, unique in the room. */
const TransferIdSchema = z.string().check(z.regex(TRANSFER_ID_PATTERN));

/** Round-trip probe on a link's control channel; answered with a pong carrying the same id. */
export const PingMessageSchema = z.object({ t: z.literal('ping'), id: CountSchema });
/** Answer to a ping. */
export const PongMessageSchema = z.object({ t: z.literal('pong'), id: CountSchema });

/**
 * A chat message; `seq` is the origin's counter, so `${origin}:${seq}` is unique. `sig` is the
 * origin's signature over `signingInput()` of the message (SPEC [P14]).
 */
export const ChatMessageSchema = z.object({
  t: z.literal('chat'),
  origin: PeerIdSchema,
  seq: CountSchema,
  text: z.string().check(z.minLength(1), z.maxLength(PEER_LIMITS.chatMaxChars)),
  sentAt: TimestampSchema,
  sig: SignatureSchema,
});

/**
 * Announces a file: its size, chunk count and the SHA-256 every receiver verifies, signed by its
 * origin (SPEC [P14]) so no relay can swap the file and its hash together.
 */
export const FileStartMessageSchema = z.object({
  t: z.literal('file-start'),
  transferId: TransferIdSchema,
  origin: PeerIdSchema,
  name: z.string().check(z.minLength(1), z.maxLength(PEER_LIMITS.fileNameMaxChars)),
  mimeType: z.string().check(z.maxLength(PEER_LIMITS.mimeTypeMaxChars)),
  size: CountSchema,
  chunks: z.int().check(z.gte(0), z.lte(MAX_FILE_CHUNKS)),
  sha256: z.string().check(z.regex(SHA256_HEX_PATTERN)),
  sig: SignatureSchema,
});

/** One chunk of a file, base64 of at most `PEER_LIMITS.fileChunkBytes` bytes. */
export const FileChunkMessageSchema = z.object({
  t: z.literal('file-chunk'),
  transferId: TransferIdSchema,
  origin: PeerIdSchema,
  index: z.int().check(z.gte(0), z.lt(MAX_FILE_CHUNKS)),
  data: z.string().check(z.maxLength(BASE64_CHUNK_MAX_CHARS), z.regex(BASE64_PATTERN)),
});

/**
 * A sender's frame key for one receiver (SPEC [P31]): `wrapped` is the key `keyId` sealed with
 * AES-GCM under a key both ends derive (ECDH of `dh` with the receiver's, then HKDF); without
 * `wrapped` the message only introduces the sender's `dh`. `sig` is `from`'s signature over
 * `e2eeKeySigningInput()`, so no relay or server can swap `dh`.
 */
export const E2eeKeyMessageSchema = z.object({
  t: z.literal('e2ee-key'),
  from: PeerIdSchema,
  to: PeerIdSchema,
  keyId: z.int().check(z.gte(0), z.lte(255)),
  dh: z.string().check(z.regex(P256_POINT_PATTERN)),
  wrapped: z.optional(z.string().check(z.regex(WRAPPED_KEY_PATTERN))),
  sig: SignatureSchema,
});

/** Every message a peer may put on a link's control data channel, keyed on `t`. */
export const PeerMessageSchema = z.discriminatedUnion('t', [
  PingMessageSchema,
  PongMessageSchema,
  ChatMessageSchema,
  FileStartMessageSchema,
  FileChunkMessageSchema,
  E2eeKeyMessageSchema,
]);
/** A parsed peer-to-peer message. */
export type PeerMessage = z.infer<typeof PeerMessageSchema>;
/** A chat message on the wire. */
export type ChatPeerMessage = z.infer<typeof ChatMessageSchema>;
/** A file announcement on the wire. */
export type FileStartPeerMessage = z.infer<typeof FileStartMessageSchema>;
/** A file chunk on the wire. */
export type FileChunkPeerMessage = z.infer<typeof FileChunkMessageSchema>;

/** A frame key sent to one receiver (SPEC [P31]). */
export type E2eeKeyPeerMessage = z.infer<typeof E2eeKeyMessageSchema>;

/** A message its origin signs: chat and file announcements. */
export type SignedPeerMessage = ChatPeerMessage | FileStartPeerMessage;
