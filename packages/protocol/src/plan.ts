import * as z from 'zod/mini';
import { LIMITS } from './limits';
import { CountSchema, PeerIdSchema, TopologySchema, TrackKindSchema } from './primitives';

/**
 * One link this peer holds. `epoch` is the plan version in which the link last appeared; it
 * names one continuous life of the link, so signals of an older life are dropped (SPEC [P5]).
 * The earlier joiner is the offerer (it runs ICE restarts) and the impolite side.
 */
export const PlanLinkSchema = z.object({
  peer: PeerIdSchema,
  epoch: CountSchema,
  offerer: z.boolean(),
  polite: z.boolean(),
});
/** One link this peer holds. */
export type PlanLink = z.infer<typeof PlanLinkSchema>;

/**
 * How `origin`'s streams reach this peer: they arrive on the link to `from`, having travelled
 * `path` (origin first, this peer last). `path.length - 1` hops. With `kind`, the route carries
 * only that kind of track (SPEC [P30]); without it, every kind.
 */
export const PlanRouteSchema = z.object({
  origin: PeerIdSchema,
  from: PeerIdSchema,
  path: z.array(PeerIdSchema),
  kind: z.optional(TrackKindSchema),
});
/** How one origin's streams reach this peer. */
export type PlanRoute = z.infer<typeof PlanRouteSchema>;

/**
 * One forwarding rule: send `origin`'s streams on the link to `to`. `from` is the link they
 * arrive on, or null when this peer is the origin. With `kind`, only that kind of track (SPEC
 * [P30]); without it, every kind.
 */
export const PlanForwardSchema = z.object({
  origin: PeerIdSchema,
  to: PeerIdSchema,
  from: z.nullable(PeerIdSchema),
  kind: z.optional(TrackKindSchema),
});
/** One forwarding rule. */
export type PlanForward = z.infer<typeof PlanForwardSchema>;

/** An undirected edge of the room's link graph, earlier joiner first. */
export const PlanEdgeSchema = z.tuple([PeerIdSchema, PeerIdSchema]);
/** An undirected edge of the room's link graph. */
export type PlanEdge = z.infer<typeof PlanEdgeSchema>;

/**
 * What the server tells one peer to do under plan `version`: the links to hold, the routes its
 * incoming streams take, and what it forwards. `order` is the join order; `edges` the whole
 * room's link graph (for the topology picture).
 */
export const PeerPlanSchema = z.object({
  version: CountSchema,
  topology: TopologySchema,
  hub: z.nullable(PeerIdSchema),
  self: PeerIdSchema,
  order: z.array(PeerIdSchema),
  edges: z.array(PlanEdgeSchema),
  /**
   * Only in a hybrid plan (SPEC [P30]): the video graph's edges. `edges` is then the union of the
   * audio mesh and this graph, which is what the links are.
   */
  videoEdges: z.optional(z.array(PlanEdgeSchema)),
  links: z.array(PlanLinkSchema),
  receive: z.array(PlanRouteSchema),
  forward: z.array(PlanForwardSchema),
  /**
   * The server's proof that it issued `version` in this room, kept by clients and sent back in
   * resume hints so a restarted server accepts the version and no higher one (SPEC [P16]).
   */
  proof: z.string().check(z.maxLength(LIMITS.planProofMaxChars)),
});
/** The plan for one peer. */
export type PeerPlan = z.infer<typeof PeerPlanSchema>;
