import * as z from 'zod/mini';
import { parseJsonText } from './json';
import { CountSchema, PeerIdSchema, SignatureSchema, TimestampSchema } from './primitives';

/**
 * Limits of peer-to-peer data-channel messages. A peer is hostile until its message is parsed:
 * the text is capped before JSON.parse, then every field is checked here.
 */
export const PEER_LIMITS = {
  /** Largest data-channel message accepted, in characters (a file chunk plus its envelope). */
  messageMaxChars: 32_768,
  chatMaxChars: 4_000,
  fileNameMaxChars: 255,
  mimeTypeMaxChars: 127,
  /** Raw bytes per file chunk; base64 makes it 4/3 larger on the wire. */
  fileChunkBytes: 16_384,
  /** Largest file a peer offers to the room. */
  fileMaxBytes: 64 * 1024 * 1024,
  transferIdMaxChars: 64,
} as const;

const MAX_CHUNKS = Math.ceil(PEER_LIMITS.fileMaxBytes / PEER_LIMITS.fileChunkBytes);
const BASE64_CHUNK_MAX_CHARS = Math.ceil(PEER_LIMITS.fileChunkBytes / 3) * 4;

/** A transfer id: `${origin}:${seq}`, unique in the room. */
const TransferIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,32}:\d{1,15}$/));

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
  chunks: z.int().check(z.gte(0), z.lte(MAX_CHUNKS)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  sig: SignatureSchema,
});

/** One chunk of a file, base64 of at most `PEER_LIMITS.fileChunkBytes` bytes. */
export const FileChunkMessageSchema = z.object({
  t: z.literal('file-chunk'),
  transferId: TransferIdSchema,
  origin: PeerIdSchema,
  index: z.int().check(z.gte(0), z.lt(MAX_CHUNKS)),
  data: z.string().check(z.maxLength(BASE64_CHUNK_MAX_CHARS), z.regex(/^[A-Za-z0-9+/]*={0,2}$/)),
});

/** Every message a peer may put on a link's control data channel, keyed on `t`. */
export const PeerMessageSchema = z.discriminatedUnion('t', [
  PingMessageSchema,
  PongMessageSchema,
  ChatMessageSchema,
  FileStartMessageSchema,
  FileChunkMessageSchema,
]);
/** A parsed peer-to-peer message. */
export type PeerMessage = z.infer<typeof PeerMessageSchema>;
/** A chat message on the wire. */
export type ChatPeerMessage = z.infer<typeof ChatMessageSchema>;
/** A file announcement on the wire. */
export type FileStartPeerMessage = z.infer<typeof FileStartMessageSchema>;
/** A file chunk on the wire. */
export type FileChunkPeerMessage = z.infer<typeof FileChunkMessageSchema>;

/**
 * Parses one data-channel message: size cap, JSON, then schema. Returns null for anything that
 * is not a valid peer message; the caller reports it.
 */
export function parsePeerMessage(raw: unknown): PeerMessage | null {
  return parseJsonText(PeerMessageSchema, raw, PEER_LIMITS.messageMaxChars);
}

/** A message its origin signs: chat and file announcements. */
export type SignedPeerMessage = ChatPeerMessage | FileStartPeerMessage;

/**
 * The exact text an origin signs for `message` (SPEC [P14]): a JSON array of every field but
 * `sig`, in a fixed order, so signer and verifier never depend on key order.
 */
export function signingInput(
  message: Omit<ChatPeerMessage, 'sig'> | Omit<FileStartPeerMessage, 'sig'>,
): string {
  if (message.t === 'chat') {
    return JSON.stringify(['chat', message.origin, message.seq, message.text, message.sentAt]);
  }
  return JSON.stringify([
    'file-start',
    message.origin,
    message.transferId,
    message.name,
    message.mimeType,
    message.size,
    message.chunks,
    message.sha256,
  ]);
}
