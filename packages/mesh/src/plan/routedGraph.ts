import type { PeerId } from '@meshwork/protocol';
import { attachAway } from './away';
import { graphOf, keysOfGraph } from './edgeSet';
import { buildLinkGraph } from './graph';
import { electHub } from './hub';
import { routeTrees } from './routes';
import type { LinkKey, PlanInput, RoomPlan } from './types';

/**
 * A room's routed graph: hub, link graph, away and trial links, route trees; in a hybrid plan
 * also the audio trees and the video graph's edges ([R18]).
 */
export type RoutedGraph = Pick<
  RoomPlan,
  'topology' | 'hub' | 'graph' | 'away' | 'trial' | 'trees'
> &
  Partial<Pick<RoomPlan, 'audioTrees' | 'videoEdges'>>;

/** The graph and route trees of `input`'s topology, before epochs and instructions. */
export function routedGraph(input: PlanInput): RoutedGraph {
  const everyone = input.peers.map((p) => p.id);
  const awayAsked = new Set(everyone.filter((id) => input.away?.has(id)));
  // With nobody present there is nobody to route around: plan everyone as usual.
  const routedAround = awayAsked.size > 0 && awayAsked.size < everyone.length;
  const candidates = routedAround ? input.peers.filter((p) => !awayAsked.has(p.id)) : input.peers;
  // Only a star has a hub; electing one elsewhere would leak a meaningless choice to the UI.
  const hub = input.topology === 'star' ? electHub(candidates, input.hubPreference) : null;
  // A media server idles unless it is the hub ([R17]): people link among themselves.
  // A server in the graph comes first, so it offers on every link and never answers an offer
  // that crossed its own (its WebRTC stack cannot roll one back reliably).
  const people = input.peers.filter((p) => !p.mediaServer).map((p) => p.id);
  const server = input.peers.find((p) => p.mediaServer && p.id === hub);
  const order = server ? [server.id, ...people] : people;
  const away = new Set(order.filter((id) => awayAsked.has(id)));
  const present = routedAround ? order.filter((id) => !away.has(id)) : order;
  const trialAsked = input.trialLinks ?? new Set<LinkKey>();
  // Routes are planned as if trial links were still failed; the trial links the topology wants
  // are then added to the graph, so they connect without carrying anything yet ([R16]).
  const unusable =
    trialAsked.size > 0 ? new Set([...input.failedLinks, ...trialAsked]) : input.failedLinks;
  const build = (failed: ReadonlySet<LinkKey>) => {
    const core = buildLinkGraph(input.topology, present, hub, failed);
    return routedAround && away.size > 0
      ? attachAway(core, input.topology, order, away, hub, failed)
      : core;
  };
  let graph = build(unusable);
  let trial: ReadonlySet<LinkKey> = new Set();
  if (trialAsked.size > 0) {
    const wanted = keysOfGraph(build(input.failedLinks));
    trial = new Set([...trialAsked].filter((k) => wanted.has(k)));
    if (trial.size > 0) graph = graphOf(order, new Set([...keysOfGraph(graph), ...trial]));
  }
  const leaves: ReadonlySet<PeerId> = routedAround ? away : new Set();
  const trees = routeTrees(graph, leaves, trial);
  return { topology: input.topology, hub, graph, away: leaves, trial, trees };
}
