/**
 * Limits of peer-to-peer data-channel messages. A peer is hostile until its message is parsed:
 * the text is capped before JSON.parse, then every field is checked (`peerGuard`, and the zod
 * schemas of `peer.ts`, which say the same).
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

/** Most chunks a file may have. */
export const MAX_FILE_CHUNKS = Math.ceil(PEER_LIMITS.fileMaxBytes / PEER_LIMITS.fileChunkBytes);
/** Longest base64 text of one chunk. */
export const BASE64_CHUNK_MAX_CHARS = Math.ceil(PEER_LIMITS.fileChunkBytes / 3) * 4;
