// Public surface of the pure planner. Implementations live one concept per file beside this.

export {
  type AutoDecision,
  type AutoInput,
  type AutoPeer,
  decideAutoTopology,
  LIMIT_PERSIST_MS,
  MESH_DOWN_PEERS,
  MESH_LINK_KBPS,
  MIN_DWELL_MS,
  STAR_UP_PEERS,
  UPLINK_MARGIN,
} from './autoTopology';
export { attachAway } from './away';
export { nextEpochs } from './epochs';
export { buildLinkGraph } from './graph';
export { electHub } from './hub';
export { hybridGraph, isHybrid } from './hybrid';
export { idlePlan, peerPlan } from './instructions';
export { linkKey, parseLinkKey } from './linkKey';
export { computeRoomPlan, instructPeers } from './roomPlan';
export { type RoutedGraph, routedGraph } from './routedGraph';
export { routeTree, routeTrees } from './routes';
export type { LinkGraph, LinkKey, PlanInput, PlanPeer, RoomPlan, RouteTree } from './types';
