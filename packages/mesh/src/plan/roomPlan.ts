import type { PeerId, PeerPlan } from '@meshwork/protocol';
import { nextEpochs } from './epochs';
import { buildLinkGraph } from './graph';
import { electHub } from './hub';
import { idlePlan, peerPlan } from './instructions';
import { routeTrees } from './routes';
import type { LinkKey, PlanInput, RoomPlan } from './types';

/** The room's whole plan for `version`: graph, routes, link epochs and every peer's instructions. */
export function computeRoomPlan(
  input: PlanInput,
  version: number,
  prevEpochs: ReadonlyMap<LinkKey, number>,
): RoomPlan {
  // Only a star has a hub; electing one elsewhere would leak a meaningless choice to the UI.
  const hub = input.topology === 'star' ? electHub(input.peers, input.hubPreference) : null;
  // A media server idles unless it is the hub ([R15]): people link among themselves.
  // A server in the graph comes first, so it offers on every link and never answers an offer
  // that crossed its own (its WebRTC stack cannot roll one back reliably).
  const people = input.peers.filter((p) => !p.mediaServer).map((p) => p.id);
  const server = input.peers.find((p) => p.mediaServer && p.id === hub);
  const order = server ? [server.id, ...people] : people;
  const graph = buildLinkGraph(input.topology, order, hub, input.failedLinks);
  const trees = routeTrees(graph);
  const epochs = nextEpochs(prevEpochs, graph, version);
  const room = { version, topology: input.topology, hub, graph, trees, epochs };
  const peers = new Map<PeerId, PeerPlan>(
    input.peers.map(({ id }) => [id, order.includes(id) ? peerPlan(room, id) : idlePlan(room, id)]),
  );
  return { ...room, peers };
}
