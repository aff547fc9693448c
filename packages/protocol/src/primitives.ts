import * as z from 'zod/mini';
import { LIMITS } from './limits';
import {
  MAX_TIMESTAMP_MS,
  PEER_ID_PATTERN,
  SIGNATURE_PATTERN,
  STREAM_KEY_PATTERN,
} from './patterns';

/** Server-assigned peer id: 8-32 URL-safe characters. */
export const PeerIdSchema = z.string().check(z.regex(PEER_ID_PATTERN));
/** A peer id as assigned by the signal app. */
export type PeerId = z.infer<typeof PeerIdSchema>;

/** Room ids are lowercase words joined by single hyphens, so a link reads well: `/r/brave-otter-42`. */
export const RoomIdSchema = z
  .string()
  .check(z.maxLength(LIMITS.roomIdMaxChars), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/));
/** A room id as it appears in `/r/<room>`. */
export type RoomId = z.infer<typeof RoomIdSchema>;

// Control, format, surrogate, private-use and unassigned code points, plus line/paragraph separators.
const NON_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;
// A zero-width joiner is a format character, but between two emoji it draws one glyph (👩‍💻,
// 🏳️‍🌈), so only there is it printable; anywhere else it stays an invisible character.
const EMOJI_JOINER =
  /(?<=\p{Extended_Pictographic}[\u{1F3FB}-\u{1F3FF}\u{FE0F}]?)\u{200D}(?=\p{Extended_Pictographic})/gu;

// Letters that draw nothing (Hangul fillers, the Braille blank, Khmer inherent vowels, the
// Mongolian vowel separator): printable by category, invisible on screen.
const INVISIBLE_LETTERS = /[\u{115F}\u{1160}\u{17B4}\u{17B5}\u{180E}\u{2800}\u{3164}\u{FFA0}]/gu;
// What a person can see: a letter, digit, symbol or punctuation mark.
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** True when `s` has at least one character a person can see (SPEC [P11]). */
export function hasVisibleCharacter(s: string): boolean {
  return VISIBLE.test(s.replace(INVISIBLE_LETTERS, ''));
}

/**
 * Display names: NFC-normalised, trimmed, 1-48 printable characters, at least one of them
 * visible (fillers, format and combining-only strings are refused). Always rendered as text,
 * never as HTML, and isolated for bidi.
 */
export const DisplayNameSchema = z.pipe(
  z.string().check(z.maxLength(LIMITS.displayNameMaxChars * 4)),
  z.pipe(
    z.transform((s: string) => s.normalize('NFC').trim()),
    z.string().check(
      z.minLength(1),
      z.maxLength(LIMITS.displayNameMaxChars),
      z.refine((s) => !NON_PRINTABLE.test(s.replace(EMOJI_JOINER, ''))),
      z.refine(hasVisibleCharacter),
    ),
  ),
);
/** A validated display name. */
export type DisplayName = z.output<typeof DisplayNameSchema>;

/** The three topologies a room can run in. */
export const TopologySchema = z.enum(['mesh', 'star', 'ring']);
/** `mesh`: every pair linked; `star`: everyone links to a hub; `ring`: neighbours in join order. */
export type Topology = z.infer<typeof TopologySchema>;
/** All topologies, in the order the UI lists them. */
export const TOPOLOGIES: readonly Topology[] = TopologySchema.options;

/**
 * A room's topology setting: one of the topologies, or `auto` to let the server pick mesh or
 * star as the room grows and as peers report limits (SPEC [P28]). Plans stay concrete.
 */
export const TopologySettingSchema = z.enum(['mesh', 'star', 'ring', 'auto']);
/** A room's topology setting: a topology, or `auto`. */
export type TopologySetting = z.infer<typeof TopologySettingSchema>;
/** Every topology setting, in the order the UI lists them (Automatic first). */
export const TOPOLOGY_SETTINGS: readonly TopologySetting[] = ['auto', 'mesh', 'star', 'ring'];

/** Why a peer's outgoing video is held back: the browser's `qualityLimitationReason` (SPEC [P28]). */
export const QualityLimitationSchema = z.enum(['cpu', 'bandwidth']);
/** Why a peer's outgoing video is held back, as the peer reports it. */
export type QualityLimitation = z.infer<typeof QualityLimitationSchema>;

/**
 * How a room's audio travels (SPEC [P30]): `follow` the topology like video, or over a full
 * `mesh` (every audio route one hop) while video keeps the star or ring.
 */
export const AudioRoutingSchema = z.enum(['follow', 'mesh']);
/** How a room's audio travels. */
export type AudioRouting = z.infer<typeof AudioRoutingSchema>;

/** Which media a peer is currently sending. */
export const MediaFlagsSchema = z.object({
  audio: z.boolean(),
  video: z.boolean(),
  screen: z.boolean(),
});
/** Which media a peer is currently sending. */
export type MediaFlags = z.infer<typeof MediaFlagsSchema>;

/** Device classes, best hub candidates first. */
export const DeviceClassSchema = z.enum(['server', 'desktop', 'mobile', 'unknown']);
/** Coarse device class, used to break ties when electing a star hub. */
export type DeviceClass = z.infer<typeof DeviceClassSchema>;

/**
 * Hints the planner uses to choose a star hub. They only break ties among the peers the room
 * allows as hub, and `server` is accepted only from an authenticated media hub (SPEC [P17]).
 */
export const CapacityHintsSchema = z.object({
  uplinkKbps: z.optional(z.number().check(z.gte(0), z.lte(LIMITS.uplinkKbpsMax))),
  deviceClass: z.optional(DeviceClassSchema),
  /** What a media hub carries now, for people to see; only a hub may send it (SPEC [P24]). */
  hubLoad: z.optional(
    z.object({
      /** Tracks it forwards to at least one receiver, over all its rooms. */
      streams: z.int().check(z.gte(0), z.lte(1_000_000)),
      /** The most it forwards before it leaves star duty. */
      maxStreams: z.int().check(z.gte(1), z.lte(1_000_000)),
      /** Process CPU, percent of one core. */
      cpuPercent: z.number().check(z.gte(0), z.lte(10_000)),
    }),
  ),
  /**
   * What holds this peer's outgoing video back now, if anything (absent: nothing). An automatic
   * room counts it once it has lasted a while (SPEC [P28]); it can only push the peer's own room
   * towards star.
   */
  limitation: z.optional(QualityLimitationSchema),
});
/** Hints the planner uses to choose a star hub. */
export type CapacityHints = z.infer<typeof CapacityHintsSchema>;
/** A media hub's load as it shows it to the people of a room. */
export type HubLoadHint = NonNullable<CapacityHints['hubLoad']>;

/** Identifies one of a peer's streams: `cam` (camera + microphone) or `screen`. */
export const StreamKeySchema = z.string().check(z.regex(STREAM_KEY_PATTERN));
/** Stream key, unique per origin peer. */
export type StreamKey = z.infer<typeof StreamKeySchema>;

/** Media kind of one track. */
export const TrackKindSchema = z.enum(['audio', 'video']);
/** Media kind of one track. */
export type TrackKind = z.infer<typeof TrackKindSchema>;

/** Non-negative safe integer (versions, epochs, timestamps). */
export const CountSchema = z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));

/** Milliseconds since the epoch that `Date` can hold (|t| <= 8.64e15); a time on the wire. */
export const TimestampSchema = z.int().check(z.gte(0), z.lte(MAX_TIMESTAMP_MS));

/**
 * A peer's public signing key: the raw uncompressed ECDSA P-256 point (65 bytes), base64url
 * without padding (SPEC [P14]).
 */
export const PublicKeySchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{87}$/));
/** A peer's public signing key, as published in the room snapshot. */
export type PublicKey = z.infer<typeof PublicKeySchema>;

/** An ECDSA P-256 / SHA-256 signature in IEEE P1363 form (64 bytes), base64url (SPEC [P14]). */
export const SignatureSchema = z.string().check(z.regex(SIGNATURE_PATTERN));

/** Who may change the room's topology and hub: everyone, or only the host (SPEC [P15]). */
export const ControlPolicySchema = z.enum(['everyone', 'host']);
/** Who may change the room's topology and hub. */
export type ControlPolicy = z.infer<typeof ControlPolicySchema>;
