import * as z from 'zod/mini';
import { AutoChoiceSchema } from './autoTopology';
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

/** What every peer in a room knows about another peer. */
export const PeerInfoSchema = z.object({
  id: PeerIdSchema,
  displayName: DisplayNameSchema,
  joinedAt: CountSchema,
  media: MediaFlagsSchema,
  capacity: CapacityHintsSchema,
  /** False while the peer's socket is gone but its grace period runs. */
  connected: z.boolean(),
  /** The key this peer signs its chat and file announcements with, vouched for by the server (SPEC [P14]). */
  publicKey: PublicKeySchema,
});
/** What every peer in a room knows about another peer. */
export type PeerInfo = z.output<typeof PeerInfoSchema>;

/** States a peer reports for one of its links. */
export const LinkStateSchema = z.enum(['connecting', 'connected', 'disconnected', 'failed']);
/** State of one link as its peers report it. */
export type LinkState = z.infer<typeof LinkStateSchema>;

/** One link of the room as the server last heard of it, earlier joiner in `a`. */
export const RoomLinkSchema = z.object({
  a: PeerIdSchema,
  b: PeerIdSchema,
  state: LinkStateSchema,
  rttMs: z.nullable(z.number()),
});
/** One link of the room as the server last heard of it. */
export type RoomLink = z.infer<typeof RoomLinkSchema>;

/** The room's settings, broadcast whenever they change. */
export const RoomSettingsSchema = z.object({
  /** The setting; with `auto` the plan's topology is the server's choice, in `auto` (SPEC [P28]). */
  topology: TopologySettingSchema,
  /** Present while the setting is `auto`: what the server picked, and why (SPEC [P28]). */
  auto: z.optional(AutoChoiceSchema),
  /** Whether audio follows the topology or runs over a full mesh (SPEC [P30]). */
  audioRouting: AudioRoutingSchema,
  /** Hub chosen by a person, or null to let the server elect one. */
  hubPreference: z.nullable(PeerIdSchema),
  /** The room's host (SPEC [P15]); null only while a rebuilt room waits for its members. */
  hostId: z.nullable(PeerIdSchema),
  /** Who may change topology and hub. */
  controlPolicy: ControlPolicySchema,
  /** A locked room admits no one new; members may still resume. */
  locked: z.boolean(),
  /** Whether joining needs the room's password. */
  passwordProtected: z.boolean(),
  /** Newcomers wait in the lobby until the host lets them in (SPEC [P25]). */
  lobby: z.boolean(),
  /** The host asks every sender to encrypt its frames end to end (SPEC [P31]); off if absent. */
  e2ee: z.optional(z.boolean()),
});
/** The room's settings. */
export type RoomSettings = z.infer<typeof RoomSettingsSchema>;

/** The room as a joining peer first sees it. */
export const RoomSnapshotSchema = z.object({
  roomId: RoomIdSchema,
  settings: RoomSettingsSchema,
  maxPeers: CountSchema,
  peers: z.array(PeerInfoSchema),
  links: z.array(RoomLinkSchema),
});
/** The room as a joining peer first sees it. */
export type RoomSnapshot = z.output<typeof RoomSnapshotSchema>;

/** Why a peer left the room. */
export const LeaveReasonSchema = z.enum(['left', 'timeout', 'kicked']);
/** Why a peer left the room. */
export type LeaveReason = z.infer<typeof LeaveReasonSchema>;

/** One person waiting in the lobby, as the room's members see them (SPEC [P25]). */
export const LobbyEntrySchema = z.object({
  /** The waiter's lobby id (not a peer id: the waiter is not in the room). */
  id: PeerIdSchema,
  displayName: DisplayNameSchema,
  /** When the waiter asked to join, in server milliseconds. */
  since: CountSchema,
});
/** One person waiting in the lobby. */
export type LobbyEntry = z.output<typeof LobbyEntrySchema>;
