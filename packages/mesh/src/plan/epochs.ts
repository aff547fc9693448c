import { linkKey } from './linkKey';
import type { LinkGraph, LinkKey } from './types';

/**
 * Epochs for `graph` under plan `version`: a link kept from `prev` keeps its epoch (one
 * continuous life), a new one gets `version`, a missing one is dropped. The server passes as
 * `prev` the union of the committed and the pending plans' epochs, because during a two-phase
 * change both plans' links are alive; the two agree on every link they share, since the pending
 * plan was computed from the committed one's epochs.
 */
export function nextEpochs(
  prev: ReadonlyMap<LinkKey, number>,
  graph: LinkGraph,
  version: number,
): Map<LinkKey, number> {
  const epochs = new Map<LinkKey, number>();
  for (const [a, b] of graph.edges) {
    const key = linkKey(a, b);
    epochs.set(key, prev.get(key) ?? version);
  }
  return epochs;
}
