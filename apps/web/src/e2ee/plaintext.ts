import { computeRoomPlan, routeTrees } from '@meshwork/mesh/plan';
import type { PeerId, PeerInfo, PeerPlan, Topology } from '@meshwork/protocol';
import { isMediaServer, planPeers } from '../topology/cost';
import { relaysOf } from '../topology/relays';

/** The shape of the room a plan gives: its join order, link graph and, if hybrid, video graph. */
export type PlanShape = Pick<PeerPlan, 'order' | 'edges'> & Partial<Pick<PeerPlan, 'videoEdges'>>;

/**
 * The graph video travels: a hybrid plan's video edges (SPEC [P30]; its `edges` add the audio
 * mesh, which carries no video), else its links.
 */
function videoGraph(plan: PlanShape): Pick<PeerPlan, 'order' | 'edges'> {
  return { order: plan.order, edges: plan.videoEdges ?? plan.edges };
}

/** Who handles one origin's video on its way, besides the people it is meant for. */
export interface MediaExposure {
  /** Browsers that relay it: they decode and re-encode it, so they see it in plaintext. */
  decoders: PeerId[];
  /** Media hubs that forward its packets: they never decode it. */
  forwarders: PeerId[];
}

/** Every node of `origin`'s route tree that passes its streams on, in join order. */
function passersOn(shape: PlanShape, origin: PeerId): PeerId[] {
  const plan = videoGraph(shape);
  const adjacency = new Map<PeerId, PeerId[]>(plan.order.map((id) => [id, []]));
  for (const [a, b] of plan.edges) {
    adjacency.get(a)?.push(b);
    adjacency.get(b)?.push(a);
  }
  const rank = new Map(plan.order.map((id, i) => [id, i]));
  for (const list of adjacency.values())
    list.sort((x, y) => (rank.get(x) ?? 0) - (rank.get(y) ?? 0));
  const tree = routeTrees({ order: plan.order, adjacency, edges: plan.edges }).get(origin);
  const parents = new Set<PeerId>();
  for (const parent of tree?.values() ?? [])
    if (parent !== null && parent !== origin) parents.add(parent);
  return plan.order.filter((id) => parents.has(id));
}

/**
 * Who sees `origin`'s video in plaintext under `plan` beyond its receivers, and who only forwards
 * it (SPEC [P31]). `servers` are the media hubs (device class `server`, which the signal app
 * grants only to a hub that proved its secret). Pure: derived from the plan's routes alone.
 */
export function exposureOf(
  plan: PlanShape,
  origin: PeerId,
  servers: ReadonlySet<PeerId>,
): MediaExposure {
  const on = passersOn(plan, origin);
  return {
    decoders: on.filter((id) => !servers.has(id)),
    forwarders: on.filter((id) => servers.has(id)),
  };
}

/** Every browser that decodes someone else's video to relay it, with whose, in join order. */
export function roomDecoders(plan: PlanShape, servers: ReadonlySet<PeerId>): Map<PeerId, PeerId[]> {
  return relaysOf(videoGraph(plan), servers);
}

/** What the header's shield says about the call (SPEC [P31]). */
export type ShieldState =
  /** Encryption on, frames encrypted, and nobody but the people meant to see it decodes. */
  | 'encrypted'
  /** Encryption on, but browsers relay (and so decode) someone's video. */
  | 'relayed'
  /** Encryption on, but this page has not encrypted a frame yet (or its browser cannot). */
  | 'pending'
  /** The room does not encrypt end to end. */
  | 'off';

/** What the shield needs to know. */
export interface ShieldInput {
  /** The host turned end-to-end encryption on for the room. */
  e2ee: boolean;
  /** This page has encrypted frames since (its browser has the transforms and sends media). */
  encrypting: boolean;
  plan: PlanShape | null;
  servers: ReadonlySet<PeerId>;
}

/**
 * The shield's state: `encrypted` only when the room encrypts, this page's frames really are
 * encrypted, and no browser decodes anyone's video to relay it (a media hub may forward).
 */
export function shieldOf(input: ShieldInput): ShieldState {
  if (!input.e2ee) return 'off';
  if (input.plan !== null && roomDecoders(input.plan, input.servers).size > 0) return 'relayed';
  return input.encrypting ? 'encrypted' : 'pending';
}

/** The media hubs among `peers`. */
export function serversOf(peers: readonly Pick<PeerInfo, 'id' | 'capacity'>[]): Set<PeerId> {
  return new Set(peers.filter(isMediaServer).map((p) => p.id));
}

/**
 * The browsers that would decode others' video if the room switched to `topology` now (hub
 * elected as the signal app would): empty means encryption stays end to end. Pure.
 */
export function decodersAfterSwitch(
  topology: Topology,
  peers: readonly Pick<PeerInfo, 'id' | 'joinedAt' | 'capacity'>[],
  hubPreference: PeerId | null,
): PeerId[] {
  const servers = serversOf(peers);
  const server = [...servers][0] ?? null;
  const plan = computeRoomPlan(
    {
      topology,
      peers: planPeers(peers),
      hubPreference: hubPreference ?? server,
      failedLinks: new Set(),
    },
    0,
    new Map(),
  );
  const shape = {
    order: [...plan.graph.order],
    edges: plan.graph.edges.map(([a, b]) => [a, b] as [PeerId, PeerId]),
  };
  return [...roomDecoders(shape, servers).keys()];
}
