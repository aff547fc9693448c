import * as z from 'zod/mini';
import { LIMITS } from './limits';
import type { Result } from './messages';
import { RoomIdSchema } from './primitives';

/** Socket.IO namespace media hubs connect to (SPEC [P24]); people use the default one. */
export const HUB_NAMESPACE = '/hubs';

/** Most rooms one hub reports or may be configured to serve. */
export const HUB_MAX_ROOMS = 1_000;

/** A hub's limits: it refuses rooms past `maxRooms` and leaves star duty past `maxStreams`. */
export const HubLimitsSchema = z.object({
  maxRooms: z.int().check(z.minimum(1), z.maximum(HUB_MAX_ROOMS)),
  maxStreams: z.int().check(z.minimum(1), z.maximum(100_000)),
});
/** A hub's limits. */
export type HubLimits = z.infer<typeof HubLimitsSchema>;

/** Handshake `auth` of a hub's control socket: `HUB_SECRET`, a label and its limits. */
export const HubHelloSchema = z.object({
  protocolVersion: z.int(),
  hubToken: z.string().check(z.maxLength(LIMITS.hubTokenMaxChars)),
  /** Shown in logs and metrics, e.g. the host name. */
  name: z.string().check(z.minLength(1), z.maxLength(64)),
  limits: HubLimitsSchema,
});
/** Handshake of a hub's control socket. */
export type HubHello = z.infer<typeof HubHelloSchema>;

/** Hub -> server: what it carries now (sent on every change and every few seconds). */
export const HubLoadSchema = z.object({
  /** Rooms the hub is a member of. */
  rooms: z.array(RoomIdSchema).check(z.maxLength(HUB_MAX_ROOMS)),
  /** Tracks it forwards to at least one receiver, over all rooms. */
  streams: z.int().check(z.minimum(0), z.maximum(1_000_000)),
  /** Process CPU over the last report interval, percent of one core. */
  cpuPercent: z.number().check(z.minimum(0), z.maximum(10_000)),
});
/** What a hub carries now. */
export type HubLoad = z.infer<typeof HubLoadSchema>;

/** Server -> hub: serve this room (join it as its `server` peer). */
export const HubAssignSchema = z.object({ roomId: RoomIdSchema });
/** Server -> hub: serve this room. */
export type HubAssign = z.infer<typeof HubAssignSchema>;

/** HTTP path on a hub where a signal app invites it (`HUB_URLS`, SPEC [P24]). */
export const HUB_INVITE_PATH = '/signals';

/** Longest signal-app URL a hub accepts in an invitation. */
export const HUB_INVITE_URL_MAX_CHARS = 2_048;

/**
 * Signal app -> hub, `POST /signals` with `Authorization: Bearer <HUB_SECRET>`: dial this signal
 * app's `/hubs` namespace and serve its rooms. Idempotent per URL.
 */
export const HubInviteSchema = z.object({
  url: z
    .string()
    .check(z.maxLength(HUB_INVITE_URL_MAX_CHARS), z.regex(/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/)),
});
/** An invitation to serve a signal app. */
export type HubInvite = z.infer<typeof HubInviteSchema>;

/** Events a hub sends on its control socket. */
export interface HubToServerEvents {
  hubLoad: (load: HubLoad) => void;
}

/** Events the signal app sends a hub; the hub acks an assignment or refuses it with a code. */
export interface ServerToHubEvents {
  assignRoom: (req: HubAssign, ack: (res: Result) => void) => void;
}
