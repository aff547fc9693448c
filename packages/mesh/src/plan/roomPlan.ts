import type { PeerId, PeerPlan } from '@meshwork/protocol';
import { nextEpochs } from './epochs';
import { hybridGraph, isHybrid } from './hybrid';
import { idlePlan, peerPlan } from './instructions';
import { type RoutedGraph, routedGraph } from './routedGraph';
import type { LinkKey, PlanInput, RoomPlan } from './types';

/** The room's whole plan for `version`: graph, routes, link epochs and every peer's instructions. */
export function computeRoomPlan(
  input: PlanInput,
  version: number,
  prevEpochs: ReadonlyMap<LinkKey, number>,
): RoomPlan {
  const routed = isHybrid(input) ? hybridGraph(input) : routedGraph(input);
  return instructPeers(input, routed, version, prevEpochs);
}

/** Every peer's part of `routed` under `version`; peers outside its graph idle ([R17]). */
export function instructPeers(
  input: Pick<PlanInput, 'peers'>,
  routed: RoutedGraph,
  version: number,
  prevEpochs: ReadonlyMap<LinkKey, number>,
): RoomPlan {
  const epochs = nextEpochs(prevEpochs, routed.graph, version);
  const room = { ...routed, version, epochs };
  const order = routed.graph.order;
  const peers = new Map<PeerId, PeerPlan>(
    input.peers.map(({ id }) => [id, order.includes(id) ? peerPlan(room, id) : idlePlan(room, id)]),
  );
  return { ...room, peers };
}
