import type { ChatPeerMessage, E2eeKeyPeerMessage, FileStartPeerMessage } from './peer';

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

/** The exact text a sender signs for a frame key it sends (SPEC [P31]). */
export function e2eeKeySigningInput(message: Omit<E2eeKeyPeerMessage, 'sig'>): string {
  return JSON.stringify([
    'e2ee-key',
    message.from,
    message.to,
    message.keyId,
    message.dh,
    message.wrapped ?? null,
  ]);
}
