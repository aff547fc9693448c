import * as z from 'zod/mini';
import { LIMITS } from './limits';

/** Server-assigned peer id: 8-32 URL-safe characters. */
export const PeerIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,32}$/));
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

/**
 * Display names: NFC-normalised, trimmed, 1-48 printable characters. Always rendered as text,
 * never as HTML.
 */
export const DisplayNameSchema = z.pipe(
  z.string().check(z.maxLength(LIMITS.displayNameMaxChars * 4)),
  z.pipe(
    z.transform((s: string) => s.normalize('NFC').trim()),
    z.string().check(
      z.minLength(1),
      z.maxLength(LIMITS.displayNameMaxChars),
      z.refine((s) => !NON_PRINTABLE.test(s.replace(EMOJI_JOINER, ''))),
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

/** Hints the planner uses to choose a star hub. */
export const CapacityHintsSchema = z.object({
  uplinkKbps: z.optional(z.number().check(z.gte(0), z.lte(10_000_000))),
  deviceClass: z.optional(DeviceClassSchema),
});
/** Hints the planner uses to choose a star hub. */
export type CapacityHints = z.infer<typeof CapacityHintsSchema>;

/** Identifies one of a peer's streams: `cam` (camera + microphone) or `screen`. */
export const StreamKeySchema = z.string().check(z.regex(/^[a-z][a-z0-9-]{0,15}$/));
/** Stream key, unique per origin peer. */
export type StreamKey = z.infer<typeof StreamKeySchema>;

/** Media kind of one track. */
export const TrackKindSchema = z.enum(['audio', 'video']);
/** Media kind of one track. */
export type TrackKind = z.infer<typeof TrackKindSchema>;

/** Non-negative safe integer (versions, epochs, timestamps). */
export const CountSchema = z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER));
