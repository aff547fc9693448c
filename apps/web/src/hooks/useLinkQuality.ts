import type { LinkStats } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { linkStatsFor, type Quality, qualityOf } from '../stats/linkQuality';
import { useStoreApi } from '../store/StoreContext';

/**
 * Link numbers for `peer` (the neighbour a tile's video arrives from), from the one stats
 * subscription every tile shares. The latest numbers live in a ref for the tooltip; the component
 * re-renders only when the coarse quality changes.
 */
export function useLinkQuality(peer: PeerId | null): {
  quality: Quality;
  latest: RefObject<LinkStats | null>;
} {
  const store = useStoreApi();
  const latest = useRef<LinkStats | null>(null);
  const [quality, setQuality] = useState<Quality>('unknown');

  useEffect(() => {
    if (!peer) return;
    const read = (all: readonly LinkStats[]) => {
      const mine = linkStatsFor(all, store.getState().room, peer);
      latest.current = mine ?? null;
      setQuality(qualityOf(mine));
    };
    read(store.getState().latestStats());
    const offStats = store.getState().subscribeStats(read);
    // The room's link table is the fallback, so a change to it can change the level too.
    const offRoom = store.subscribe((state, prev) => {
      if (state.room !== prev.room) read(state.latestStats());
    });
    return () => {
      offStats();
      offRoom();
    };
  }, [peer, store]);

  return { quality, latest };
}
