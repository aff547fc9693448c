import * as z from 'zod/mini';
import { PeerIdSchema } from './primitives';

/**
 * Why an automatic room runs the topology it runs (SPEC [P28]): a code and its parameters, never
 * text, so every page words it in its own language (with the room's size, which it knows).
 * - `small`: mesh, the room is small and every peer keeps up;
 * - `large`: star, the room reached the size where a mesh uplink outgrows its budget;
 * - `limited`: star, `limitedPeer` reported `limitation` for long enough (or its measured uplink
 *   cannot carry the mesh: `uplink`);
 * - `holding`: the room stays in its topology for a minimum time before it may change again.
 */
export const AutoReasonCodeSchema = z.enum(['small', 'large', 'limited', 'holding']);
/** Why an automatic room runs its topology. */
export type AutoReasonCode = z.infer<typeof AutoReasonCodeSchema>;

/** What held a peer back, as an automatic room counts it: a reported limitation or its uplink. */
export const AutoLimitSchema = z.enum(['cpu', 'bandwidth', 'uplink']);
/** What held a peer back, as an automatic room counts it. */
export type AutoLimit = z.infer<typeof AutoLimitSchema>;

/** The server's choice for an automatic room and why, sent with the room's settings (SPEC [P28]). */
export const AutoChoiceSchema = z.object({
  /** The topology the plans are made in: `mesh` or `star`. */
  topology: z.enum(['mesh', 'star']),
  reason: AutoReasonCodeSchema,
  /** With `limited`: the peer whose limit counted; else null. */
  limitedPeer: z.nullable(PeerIdSchema),
  /** With `limited`: what held that peer back; else null. */
  limit: z.nullable(AutoLimitSchema),
  /** With star: whether the hub is a media server or one of the people; else null. */
  hub: z.nullable(z.enum(['server', 'peer'])),
});
/** The server's choice for an automatic room and why. */
export type AutoChoice = z.infer<typeof AutoChoiceSchema>;
