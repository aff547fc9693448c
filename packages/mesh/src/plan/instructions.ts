import type {
  PeerId,
  PeerPlan,
  PlanForward,
  PlanLink,
  PlanRoute,
  TrackKind,
} from '@meshwork/protocol';
import { mergeKinds } from './kinds';
import { linkKey } from './linkKey';
import type { RoomPlan, RouteTree } from './types';

function sameRoute(a: PlanRoute, b: PlanRoute): boolean {
  return a.from === b.from && a.path.join('>') === b.path.join('>');
}

/** The edges a plan shows, and in a hybrid plan the video graph's too ([R18]). */
function edgesOf(room: Omit<RoomPlan, 'peers'>): Pick<PeerPlan, 'edges' | 'videoEdges'> {
  const edges = room.graph.edges.map(([a, b]): [PeerId, PeerId] => [a, b]);
  if (room.videoEdges === undefined) return { edges };
  return { edges, videoEdges: room.videoEdges.map(([a, b]): [PeerId, PeerId] => [a, b]) };
}

/**
 * What one peer is told under the room's plan: its links and roles, what it receives and forwards.
 * `proof` is the signal app's HMAC over room and version (SPEC [P16]); the planner knows neither
 * the room id nor the secret, so it is empty unless the caller passes it.
 */
export function peerPlan(room: Omit<RoomPlan, 'peers'>, self: PeerId, proof = ''): PeerPlan {
  const { graph } = room;
  const rank = new Map(graph.order.map((id, i) => [id, i]));
  const selfRank = rank.get(self);
  if (selfRank === undefined) throw new RangeError(`Peer ${self} is not in the plan`);

  const neighbours = graph.adjacency.get(self) ?? [];
  const links: PlanLink[] = neighbours.map((peer) => {
    const epoch = room.epochs.get(linkKey(self, peer));
    if (epoch === undefined) throw new RangeError(`Link ${self}-${peer} has no epoch`);
    // Join order is known to both ends before they speak, so both derive the same roles.
    const offerer = selfRank < (rank.get(peer) ?? -1);
    return { peer, epoch, offerer, polite: !offerer };
  });

  // A hybrid plan ([R18]) routes each kind over its own trees; any other plan, all kinds at once.
  const routings: ReadonlyArray<{ kind?: TrackKind; trees: ReadonlyMap<PeerId, RouteTree> }> =
    room.audioTrees === undefined
      ? [{ trees: room.trees }]
      : [
          { kind: 'audio', trees: room.audioTrees },
          { kind: 'video', trees: room.trees },
        ];
  const receive: PlanRoute[] = [];
  const forward: PlanForward[] = [];
  for (const origin of graph.order) {
    const routes: PlanRoute[] = [];
    const rules: PlanForward[] = [];
    for (const { kind, trees } of routings) {
      const tree = trees.get(origin);
      if (tree === undefined || !tree.has(self)) continue;
      const only = kind === undefined ? {} : { kind };
      const parent = tree.get(self) ?? null;
      if (parent !== null) {
        const path: PeerId[] = [self];
        for (let hop: PeerId | null = parent; hop !== null; hop = tree.get(hop) ?? null)
          path.push(hop);
        routes.push({ origin, from: parent, path: path.reverse(), ...only });
      }
      for (const child of neighbours) {
        if (tree.get(child) === self) rules.push({ origin, to: child, from: parent, ...only });
      }
    }
    receive.push(...mergeKinds(routes, sameRoute));
    forward.push(...mergeKinds(rules, (a, b) => a.to === b.to && a.from === b.from));
  }

  return {
    version: room.version,
    topology: room.topology,
    hub: room.hub,
    self,
    order: [...graph.order],
    ...edgesOf(room),
    links,
    receive,
    forward,
    proof,
  };
}

/** The plan of a peer left out of the graph (an idle media server, [R17]): no links, no routes. */
export function idlePlan(room: Omit<RoomPlan, 'peers'>, self: PeerId, proof = ''): PeerPlan {
  return {
    version: room.version,
    topology: room.topology,
    hub: room.hub,
    self,
    order: [...room.graph.order],
    ...edgesOf(room),
    links: [],
    receive: [],
    forward: [],
    proof,
  };
}
