import * as z from 'zod/mini';
import { parseJsonText } from './json';
import {
  CountSchema,
  DisplayNameSchema,
  MediaFlagsSchema,
  PeerIdSchema,
  RoomIdSchema,
  TopologySchema,
} from './primitives';
import { RoomLinkSchema } from './room';

/** Events the live room feed keeps in its replay buffer per room (SPEC [P20]). */
export const FEED_REPLAY_EVENTS = 256;

/** One person as the live room feed shows them: no keys, no addresses, no capacity (SPEC [P20]). */
export const FeedPeerSchema = z.object({
  id: PeerIdSchema,
  displayName: DisplayNameSchema,
  media: MediaFlagsSchema,
  host: z.boolean(),
  /** False while the peer's socket is gone but its grace period runs. */
  connected: z.boolean(),
});
/** One person as the live room feed shows them. */
export type FeedPeer = z.output<typeof FeedPeerSchema>;

/** The whole room, first on every stream (or when a reconnect missed too much). */
export const FeedSnapshotSchema = z.object({
  roomId: RoomIdSchema,
  peers: z.array(FeedPeerSchema),
  /** The room's topology setting. */
  topology: TopologySchema,
  /** The newest plan's hub (star), else null. */
  hub: z.nullable(PeerIdSchema),
  /** The newest plan's version (0: none yet). */
  planVersion: CountSchema,
  links: z.array(RoomLinkSchema),
});
/** The whole room as the feed shows it. */
export type FeedSnapshot = z.output<typeof FeedSnapshotSchema>;

/** A person joined; `peer-updated` carries a changed person whole. */
export const FeedPeerEventSchema = z.object({ peer: FeedPeerSchema });
/** A person left. */
export const FeedPeerLeftSchema = z.object({ peerId: PeerIdSchema });
/** The room's topology setting changed. */
export const FeedTopologySchema = z.object({ topology: TopologySchema });
/** A new plan was issued. */
export const FeedPlanSchema = z.object({
  version: CountSchema,
  topology: TopologySchema,
  hub: z.nullable(PeerIdSchema),
});
/** The link list changed (a link added, dropped, or its state changed). */
export const FeedLinksSchema = z.object({ links: z.array(RoomLinkSchema) });

/** Every event of the live room feed by its SSE `event:` name (SPEC [P20]). */
export const FEED_EVENT_SCHEMAS = {
  snapshot: FeedSnapshotSchema,
  'peer-joined': FeedPeerEventSchema,
  'peer-left': FeedPeerLeftSchema,
  'peer-updated': FeedPeerEventSchema,
  topology: FeedTopologySchema,
  plan: FeedPlanSchema,
  links: FeedLinksSchema,
} as const;

/** The SSE `event:` names of the live room feed. */
export type FeedEventName = keyof typeof FEED_EVENT_SCHEMAS;

/** One feed event: its name and data, typed together. */
export type FeedEvent = {
  [N in FeedEventName]: { event: N; data: z.output<(typeof FEED_EVENT_SCHEMAS)[N]> };
}[FeedEventName];

/** The feed's event names, in the order the README lists them. */
export const FEED_EVENT_NAMES = Object.keys(FEED_EVENT_SCHEMAS) as FeedEventName[];

/** Parses one SSE message of the feed; null for an unknown name or a bad payload. */
export function parseFeedEvent(event: string, data: string): FeedEvent | null {
  if (!Object.hasOwn(FEED_EVENT_SCHEMAS, event)) return null;
  const parsed = parseJsonText<unknown>(FEED_EVENT_SCHEMAS[event as FeedEventName], data);
  return parsed === null ? null : ({ event, data: parsed } as FeedEvent);
}
