import * as z from 'zod/mini';
import { type ErrorCode, isErrorCode } from './errors';
import { LIMITS } from './limits';
import { CountSchema, PeerIdSchema, StreamKeySchema, TrackKindSchema } from './primitives';

/**
 * Maps one transceiver `mid` of a description to the stream identity it carries. Identity never
 * comes from track, stream ids or labels, which change across browsers and hops (SPEC [P6]).
 */
export const ManifestEntrySchema = z.object({
  mid: z.string().check(z.minLength(1), z.maxLength(32)),
  origin: PeerIdSchema,
  stream: StreamKeySchema,
  kind: TrackKindSchema,
});
/** Maps one transceiver `mid` to a stream identity. */
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/** An SDP offer or answer with the manifest of what its transceivers carry. */
export const DescriptionSignalSchema = z.object({
  type: z.literal('description'),
  description: z.object({
    type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
    sdp: z.string().check(z.maxLength(LIMITS.sdpMaxChars)),
  }),
  manifest: z.array(ManifestEntrySchema).check(z.maxLength(LIMITS.manifestMaxEntries)),
});

/** A trickled ICE candidate; `null` marks the end of candidates. */
export const CandidateSignalSchema = z.object({
  type: z.literal('candidate'),
  candidate: z.nullable(
    z.object({
      candidate: z.string().check(z.maxLength(LIMITS.candidateMaxChars)),
      sdpMid: z.optional(z.nullable(z.string().check(z.maxLength(32)))),
      sdpMLineIndex: z.optional(z.nullable(z.int().check(z.gte(0), z.lte(1024)))),
      usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
    }),
  ),
});

/** Asks the offerer of a link to run an ICE restart. */
export const IceRestartSignalSchema = z.object({ type: z.literal('ice-restart') });

/** Everything one peer may relay to a linked peer through the signal app, keyed on `type`. */
export const SignalSchema = z.discriminatedUnion('type', [
  DescriptionSignalSchema,
  CandidateSignalSchema,
  IceRestartSignalSchema,
]);
/** A relayed signal. */
export type Signal = z.infer<typeof SignalSchema>;
/** A description signal. */
export type DescriptionSignal = z.infer<typeof DescriptionSignalSchema>;
/** A candidate signal. */
export type CandidateSignal = z.infer<typeof CandidateSignalSchema>;

/** Client -> server: relay `signal` to `to` on the link life `epoch`. */
export const SignalRequestSchema = z.object({
  to: PeerIdSchema,
  epoch: CountSchema,
  signal: SignalSchema,
});
/** Client -> server relay request. */
export type SignalRequest = z.infer<typeof SignalRequestSchema>;

/** Server -> client: a relayed signal, `from` stamped by the server. */
export const RelayedSignalSchema = z.object({
  from: PeerIdSchema,
  epoch: CountSchema,
  signal: SignalSchema,
});
/** Server -> client relayed signal. */
export type RelayedSignal = z.infer<typeof RelayedSignalSchema>;

/**
 * Server -> client: a `signal` sent without an ack callback was not relayed (SPEC [P3] [P4]).
 * `to` and `epoch` repeat the refused request; `error` is `ERR_NOT_JOINED`, `ERR_NOT_LINKED` or
 * `ERR_INTERNAL`.
 */
export const SignalRejectedSchema = z.object({
  to: PeerIdSchema,
  epoch: CountSchema,
  error: z.custom<ErrorCode>(isErrorCode),
  message: z.string(),
});
/** Server -> client: an ack-less signal was refused. */
export type SignalRejected = z.infer<typeof SignalRejectedSchema>;
