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

/** Events a hub sends on its control socket. */
export interface HubToServerEvents {
  hubLoad: (load: HubLoad) => void;
}

/** Events the signal app sends a hub; the hub acks an assignment or refuses it with a code. */
export interface ServerToHubEvents {
  assignRoom: (req: HubAssign, ack: (res: Result) => void) => void;
}
