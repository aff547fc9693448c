import { P2P_LIMITS, P2pCodePayloadSchema } from '@meshwork/protocol';
import {
  buildSdp,
  type CallSummary,
  fromBase64Url,
  fromPayload,
  summarise,
  toBase64Url,
  toPayload,
} from './sdp';

/** The prefix of every code of this version. */
export const P2P_CODE_PREFIX = 'MW1.';
/** How old a code may be before it is refused: ICE credentials do not live long. */
export const P2P_CODE_MAX_AGE_MS = 10 * 60_000;
/** How far ahead of this clock a code's time may be (the other person's clock may run fast). */
export const P2P_CODE_MAX_SKEW_MS = 2 * 60_000;

/** Most bytes a code may inflate to: a deflate bomb stops here. */
const INFLATED_MAX_BYTES = P2P_LIMITS.codeMaxChars * 4;

/** Why a code was refused. */
export type P2pCodeError = 'ERR_P2P_CODE_MALFORMED' | 'ERR_P2P_CODE_VERSION' | 'ERR_P2P_CODE_STALE';

/** A decoded code: the description to set as remote, or why it was refused. */
export type DecodedCode =
  | { ok: true; description: { type: 'offer' | 'answer'; sdp: string }; createdAtMs: number }
  | { ok: false; error: P2pCodeError };

/** Runs bytes through a (de)compression stream; rejects for input the stream refuses. */
async function pipe(
  bytes: Uint8Array,
  stream: TransformStream<BufferSource, Uint8Array>,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Failures surface on the readable side; these promises only must not go unhandled.
  writer.write(bytes as BufferSource).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    if (length > INFLATED_MAX_BYTES) {
      await reader.cancel();
      throw new RangeError('inflated code too large');
    }
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * The code of a local data-channel-only description made at `createdAtMs`: `MW1.` + base64url of
 * the deflated compact payload. Throws for a description with media sections (misuse).
 */
export async function encodeCode(
  description: { type: 'offer' | 'answer'; sdp: string },
  createdAtMs: number,
): Promise<string> {
  const summary = summarise(description.type, description.sdp);
  if (!summary) throw new TypeError('encodeCode needs a data-channel-only offer or answer');
  return encodeSummary(summary, createdAtMs);
}

/** The code of a summary (see `encodeCode`). */
export async function encodeSummary(summary: CallSummary, createdAtMs: number): Promise<string> {
  const trimmed = { ...summary, candidates: summary.candidates.slice(0, P2P_LIMITS.candidatesMax) };
  const json = JSON.stringify(toPayload(trimmed, createdAtMs));
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return P2P_CODE_PREFIX + toBase64Url(deflated);
}

/** Decodes a pasted code at `nowMs`; never throws. Whitespace (line breaks from mail) is ignored. */
export async function decodeCode(pasted: string, nowMs: number): Promise<DecodedCode> {
  const code = pasted.replace(/\s+/g, '');
  if (!/^MW\d+\./.test(code)) return { ok: false, error: 'ERR_P2P_CODE_MALFORMED' };
  if (!code.startsWith(P2P_CODE_PREFIX)) return { ok: false, error: 'ERR_P2P_CODE_VERSION' };
  if (code.length > P2P_LIMITS.codeMaxChars) return { ok: false, error: 'ERR_P2P_CODE_MALFORMED' };
  const bytes = fromBase64Url(code.slice(P2P_CODE_PREFIX.length));
  if (!bytes || bytes.length === 0) return { ok: false, error: 'ERR_P2P_CODE_MALFORMED' };
  let json: unknown;
  try {
    const inflated = await pipe(bytes, new DecompressionStream('deflate-raw'));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    return { ok: false, error: 'ERR_P2P_CODE_MALFORMED' };
  }
  const parsed = P2pCodePayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'ERR_P2P_CODE_MALFORMED' };
  const createdAtMs = parsed.data[0] * 1000;
  const age = nowMs - createdAtMs;
  if (age > P2P_CODE_MAX_AGE_MS || age < -P2P_CODE_MAX_SKEW_MS) {
    return { ok: false, error: 'ERR_P2P_CODE_STALE' };
  }
  const summary = fromPayload(parsed.data);
  return { ok: true, description: { type: summary.type, sdp: buildSdp(summary) }, createdAtMs };
}
