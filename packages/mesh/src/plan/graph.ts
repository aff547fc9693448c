import type { PeerId, Topology } from '@meshwork/protocol';
import { linkKey } from './linkKey';
import type { LinkGraph, LinkKey } from './types';

/** Index pairs (i < j) of the links the topology asks for, before failures are applied. */
function topologyPairs(topology: Topology, n: number, hubIndex: number): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  switch (topology) {
    case 'mesh':
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
      break;
    case 'star':
      for (let i = 0; i < n; i++) {
        if (i !== hubIndex) pairs.push(i < hubIndex ? [i, hubIndex] : [hubIndex, i]);
      }
      break;
    case 'ring':
      for (let i = 0; i + 1 < n; i++) pairs.push([i, i + 1]);
      // With two peers the closing link would duplicate the only one.
      if (n >= 3) pairs.push([0, n - 1]);
      break;
  }
  return pairs;
}

/** Union-find over join indices, to detect and join components when bridging. */
class Components {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    // Path compression keeps bridging O(N^2) even for adversarial failure sets.
    let node = i;
    while (node !== root) {
      const next = this.parent[node] ?? root;
      this.parent[node] = root;
      node = next;
    }
    return root;
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    // The smaller root wins so the structure does not depend on call history.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/** The room's link graph: the topology's links minus failed ones, bridged so everyone stays reachable. */
export function buildLinkGraph(
  topology: Topology,
  order: readonly PeerId[],
  hub: PeerId | null,
  failed: ReadonlySet<LinkKey>,
): LinkGraph {
  const n = order.length;
  const index = new Map<PeerId, number>();
  order.forEach((id, i) => {
    if (index.has(id)) throw new RangeError(`Peer ${id} appears twice in the join order`);
    index.set(id, i);
  });
  let hubIndex = -1;
  if (topology === 'star' && n > 0) {
    hubIndex = hub === null ? -1 : (index.get(hub) ?? -1);
    if (hubIndex < 0) throw new RangeError(`Star hub ${String(hub)} is not in the room`);
  }

  const isFailed = (i: number, j: number): boolean =>
    failed.has(linkKey(order[i] as PeerId, order[j] as PeerId));

  const linked = new Set<number>();
  const components = new Components(n);
  const add = (i: number, j: number): void => {
    linked.add(i * n + j);
    components.union(i, j);
  };
  for (const [i, j] of topologyPairs(topology, n, hubIndex)) {
    if (!isFailed(i, j)) add(i, j);
  }

  // Bridges: scanning pairs in join order makes the repair deterministic and favours early
  // joiners, who are usually the longest-lived peers. Any surviving pair may bridge, so the
  // graph ends connected whenever the non-failed pairs could connect it at all.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (components.find(i) !== components.find(j) && !isFailed(i, j)) add(i, j);
    }
  }

  const edges: Array<readonly [PeerId, PeerId]> = [];
  const neighbours: PeerId[][] = order.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (!linked.has(i * n + j)) continue;
      const a = order[i] as PeerId;
      const b = order[j] as PeerId;
      edges.push([a, b]);
      neighbours[i]?.push(b);
      neighbours[j]?.push(a);
    }
  }
  // Pairs are visited with i ascending, so each list fills in join order: a peer's earlier
  // neighbours arrive while i runs below it, its later ones when i reaches it.
  const adjacency = new Map<PeerId, readonly PeerId[]>(
    order.map((id, i) => [id, neighbours[i] ?? []]),
  );
  return { order: [...order], adjacency, edges };
}
