import * as z from 'zod/mini';
import { parseJsonText } from './json';
import { PEER_LIMITS } from './peerLimits';
import { SignalSchema } from './signal';

/** Limits of a serverless call's codes and data-channel messages. */
export const P2P_LIMITS = {
  /** Most candidates one code carries. */
  candidatesMax: 16,
  /** Longest code accepted, in characters, before it is inflated. */
  codeMaxChars: 4_096,
} as const;

const IceTokenSchema = z.string().check(z.minLength(4), z.maxLength(256), z.regex(/^[^\s]+$/));

/** One candidate in a code: `[type, ip, port, protocol]`, h(ost)/s(rflx), u(dp)/t(cp passive). */
export const P2pCandidateSchema = z.tuple([
  z.enum(['h', 's']),
  z.string().check(z.minLength(2), z.maxLength(64), z.regex(/^[0-9A-Fa-f.:]+$/)),
  z.int().check(z.gte(1), z.lte(65_535)),
  z.enum(['u', 't']),
]);

/**
 * What a `MW1.` code carries (inflated JSON): created-at seconds, o(ffer)/a(nswer), ICE ufrag,
 * ICE pwd, the DTLS SHA-256 fingerprint as base64url, setup a(ctpass)/c(active)/p(assive), and
 * the candidates.
 */
export const P2pCodePayloadSchema = z.tuple([
  z.int().check(z.gte(0)),
  z.enum(['o', 'a']),
  IceTokenSchema,
  IceTokenSchema,
  z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
  z.enum(['a', 'c', 'p']),
  z.array(P2pCandidateSchema).check(z.maxLength(P2P_LIMITS.candidatesMax)),
]);
/** The inflated content of a code. */
export type P2pCodePayload = z.infer<typeof P2pCodePayloadSchema>;

/**
 * A mesh link signal (description with its manifest, candidate, ICE restart) carried on a
 * serverless call's own data channel instead of through the signal app.
 */
export const P2pSignalMessageSchema = z.object({ t: z.literal('signal'), signal: SignalSchema });

/** A chat line sent over a serverless call's data channel. */
export const P2pChatMessageSchema = z.object({
  t: z.literal('chat'),
  text: z.string().check(z.minLength(1), z.maxLength(PEER_LIMITS.chatMaxChars)),
});

/** Everything a serverless call sends on its data channel, keyed on `t`. */
export const P2pMessageSchema = z.discriminatedUnion('t', [
  P2pSignalMessageSchema,
  P2pChatMessageSchema,
]);
/** A message on a serverless call's data channel. */
export type P2pMessage = z.infer<typeof P2pMessageSchema>;

/** Parses one data-channel message text of a serverless call; anything else is `null`. */
export function parseP2pMessage(text: unknown): P2pMessage | null {
  return parseJsonText(P2pMessageSchema, text, PEER_LIMITS.messageMaxChars);
}
