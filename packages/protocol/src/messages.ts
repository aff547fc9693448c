import * as z from 'zod/mini';
import type { ErrorCode } from './errors';
import { LIMITS } from './limits';
import { E2eeKeyMessageSchema } from './peer';
import { PeerPlanSchema } from './plan';
import {
  AudioRoutingSchema,
  CapacityHintsSchema,
  ControlPolicySchema,
  CountSchema,
  DisplayNameSchema,
  MediaFlagsSchema,
  PeerIdSchema,
  PublicKeySchema,
  RoomIdSchema,
  TopologySettingSchema,
} from './primitives';
import { LinkStateSchema, RoomSnapshotSchema } from './room';

/** A failed ack: a stable code and a readable message. */
export interface Failure {
  ok: false;
  error: ErrorCode;
  message: string;
}

/** Every ack is `{ ok: true, ... }` or a coded failure. */
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

/** An ICE server the client should use (STUN, or TURN with time-limited credentials). */
export const IceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
/** An ICE server entry, as `RTCIceServer` takes it. */
export type IceServer = z.infer<typeof IceServerSchema>;

/**
 * What a client remembers of a room, sent when resuming so a restarted signal app can rebuild
 * the room without going backwards (SPEC [P9], [P16]). Hints describe only the resumer and the
 * links it held: they never add other peers, never count toward the room cap, and move the plan
 * version only as far as `planProof` shows the server issued.
 */
export const ResumeHintsSchema = z.object({
  planVersion: CountSchema,
  /** The server's proof that it issued `planVersion` in this room (`PeerPlan.proof`). */
  planProof: z.optional(z.string().check(z.maxLength(LIMITS.planProofMaxChars))),
  topology: TopologySettingSchema,
  /** The room's audio routing (SPEC [P30]); absent in hints of older clients: `follow`. */
  audioRouting: z.optional(AudioRoutingSchema),
  hubPreference: z.nullable(PeerIdSchema),
  /** This client's links and their epochs, so a rebuilt room keeps each link's life. */
  links: z.optional(
    z
      .array(z.object({ peer: PeerIdSchema, epoch: CountSchema }))
      .check(z.maxLength(LIMITS.maxPeersPerRoomCeiling)),
  ),
});
/** What a resuming client remembers of its room. */
export type ResumeHints = z.infer<typeof ResumeHintsSchema>;

/** Client -> server: join (or resume in) a room. */
export const JoinRequestSchema = z.object({
  protocolVersion: z.int(),
  roomId: z.string().check(z.maxLength(LIMITS.roomIdMaxChars * 4)),
  displayName: z.string().check(z.maxLength(LIMITS.displayNameMaxChars * 4)),
  password: z.optional(z.string().check(z.minLength(1), z.maxLength(LIMITS.passwordMaxChars))),
  resumeToken: z.optional(z.string().check(z.maxLength(LIMITS.resumeTokenMaxChars))),
  resume: z.optional(ResumeHintsSchema),
  media: z.optional(MediaFlagsSchema),
  capacity: z.optional(CapacityHintsSchema),
  /** This session's public signing key (SPEC [P14]). */
  publicKey: PublicKeySchema,
  /** A media hub's credential; only a hub that presents it may claim `deviceClass: server`. */
  hubToken: z.optional(z.string().check(z.maxLength(LIMITS.hubTokenMaxChars))),
});
/** Client -> server join request, before room id and name rules are applied. */
export type JoinRequest = z.input<typeof JoinRequestSchema>;

/** The room id and display name rules, applied after the shape check so each gets its own code. */
export const JoinIdentitySchemas = { roomId: RoomIdSchema, displayName: DisplayNameSchema };

/** Server -> client: a successful join. */
export const JoinOkSchema = z.object({
  selfId: PeerIdSchema,
  resumeToken: z.string(),
  /** True when an earlier identity (id, join time) was restored from the resume token. */
  resumed: z.boolean(),
  room: RoomSnapshotSchema,
  plan: PeerPlanSchema,
  iceServers: z.array(IceServerSchema),
});
/** Server -> client: a successful join. */
export type JoinOk = z.output<typeof JoinOkSchema>;
/** Ack of `join`. */
export type JoinResult = Result<JoinOk>;

/** Client -> server: change the room's topology. */
export const SetTopologyRequestSchema = z.object({
  topology: TopologySettingSchema,
  /** Audio over a full mesh or following the topology (SPEC [P30]); absent: as it is. */
  audioRouting: z.optional(AudioRoutingSchema),
});
/** Client -> server: change the room's topology. */
export type SetTopologyRequest = z.infer<typeof SetTopologyRequestSchema>;

/** Client -> server: choose the star hub, or null to let the server elect one. */
export const SetHubRequestSchema = z.object({ hub: z.nullable(PeerIdSchema) });
/** Client -> server: choose the star hub. */
export type SetHubRequest = z.infer<typeof SetHubRequestSchema>;

/** Ack of a request that produced a new plan version. */
export type PlanChangeResult = Result<{ version: number }>;

/** Client -> server: update this peer's name, media flags or capacity hints. */
export const UpdatePeerRequestSchema = z.object({
  displayName: z.optional(z.string().check(z.maxLength(LIMITS.displayNameMaxChars * 4))),
  media: z.optional(z.partial(MediaFlagsSchema)),
  capacity: z.optional(CapacityHintsSchema),
});
/** Client -> server: update this peer's name, media flags or capacity hints. */
export type UpdatePeerRequest = z.input<typeof UpdatePeerRequestSchema>;

/** One neighbour's link as this peer sees it. */
export const LinkReportSchema = z.object({
  peer: PeerIdSchema,
  state: LinkStateSchema,
  rttMs: z.optional(z.number().check(z.gte(0), z.lte(600_000))),
});
/** One neighbour's link as this peer sees it. */
export type LinkReport = z.infer<typeof LinkReportSchema>;

/** Client -> server: the state of this peer's links. A `failed` link is routed around. */
export const ReportLinksRequestSchema = z.object({
  links: z.array(LinkReportSchema).check(z.maxLength(LIMITS.linkReportsMaxEntries)),
});
/** Client -> server: the state of this peer's links. */
export type ReportLinksRequest = z.infer<typeof ReportLinksRequestSchema>;

/** Client -> server: every origin arrives over the routes of plan `version`. */
export const PlanReadyRequestSchema = z.object({ version: CountSchema });
/** Client -> server: ready for plan `version`. */
export type PlanReadyRequest = z.infer<typeof PlanReadyRequestSchema>;

/**
 * Client -> server, host only (SPEC [P15]): who may change topology and hub, lock or unlock the
 * room, set (a string) or clear (null) its password. Absent fields stay as they are.
 */
export const UpdateRoomRequestSchema = z.object({
  controlPolicy: z.optional(ControlPolicySchema),
  locked: z.optional(z.boolean()),
  /** Turn the lobby on or off (SPEC [P25]); turning it off lets everyone waiting in. */
  lobby: z.optional(z.boolean()),
  /** Ask every sender to encrypt its frames end to end, or stop (SPEC [P31]). */
  e2ee: z.optional(z.boolean()),
  password: z.optional(
    z.nullable(z.string().check(z.minLength(1), z.maxLength(LIMITS.passwordMaxChars))),
  ),
});
/** Client -> server: change the room's policy, lock or password. */
export type UpdateRoomRequest = z.infer<typeof UpdateRoomRequestSchema>;

/** Client -> server, host only: remove a peer from the room, or hand the host role to it. */
export const PeerTargetRequestSchema = z.object({ peer: PeerIdSchema });
/** Client -> server: a request aimed at one peer. */
export type PeerTargetRequest = z.infer<typeof PeerTargetRequestSchema>;

/** Client -> server, host only (SPEC [P25]): let a waiter in, or turn them away. */
export const AnswerLobbyRequestSchema = z.object({ id: PeerIdSchema, admit: z.boolean() });
/** Client -> server: the host's answer to one waiter. */
export type AnswerLobbyRequest = z.infer<typeof AnswerLobbyRequestSchema>;

/**
 * Client -> server (SPEC [P26]): raise or lower this peer's hand; with `peer`, the host lowers
 * someone else's (`raised: false` only).
 */
export const RaiseHandRequestSchema = z.object({
  raised: z.boolean(),
  peer: z.optional(PeerIdSchema),
});
/** Client -> server: raise or lower a hand. */
export type RaiseHandRequest = z.infer<typeof RaiseHandRequestSchema>;

/** The reactions a peer may send (SPEC [P26]); anything else is refused. */
export const ReactionSchema = z.enum(['thumbs-up', 'clap', 'laugh', 'heart', 'surprised']);
/** One of the reactions a peer may send. */
export type Reaction = z.infer<typeof ReactionSchema>;
/** Every reaction, in the order the UI offers them. */
export const REACTIONS = ReactionSchema.options;

/** Client -> server: show a reaction to the room. */
export const ReactRequestSchema = z.object({ reaction: ReactionSchema });
/** Client -> server: show a reaction to the room. */
export type ReactRequest = z.infer<typeof ReactRequestSchema>;

/**
 * Client -> server (SPEC [P29]): this peer started or stopped recording the call locally. A peer
 * sets only its own state: the request names no one, and unknown fields are refused.
 */
export const SetRecordingRequestSchema = z.strictObject({ recording: z.boolean() });
/** Client -> server: this peer started or stopped recording. */
export type SetRecordingRequest = z.infer<typeof SetRecordingRequestSchema>;

/**
 * Client -> server (SPEC [P33]): a frame-key message for a member this peer holds no direct link
 * to. The signal app relays it to `to` alone, only when `message` is from the sender and to `to`;
 * it reads nothing else of it (the message is signed by its sender and its key sealed for `to`).
 */
export const E2eeKeyRequestSchema = z.strictObject({
  to: PeerIdSchema,
  message: E2eeKeyMessageSchema,
});
/** Client -> server: a frame-key message to relay. */
export type E2eeKeyRequest = z.infer<typeof E2eeKeyRequestSchema>;
