import type { LinkStats } from '@meshwork/mesh/runtime';
import type { PeerId } from '@meshwork/protocol';
import { useEffect, useRef, useState } from 'react';
import type { AppStore } from '../store/createAppStore';
import { useStoreApi } from '../store/StoreContext';

/** How often link stats are read; the numbers stay in a ref, only the coarse level is state. */
export const STATS_POLL_MS = 2000;

/** Coarse quality of a link. */
export type Quality = 'good' | 'fair' | 'poor' | 'unknown';

/** The coarse level of one link's numbers. */
export function qualityOf(stats: LinkStats | undefined): Quality {
  if (!stats) return 'unknown';
  if (stats.status === 'failed') return 'poor';
  if (stats.status !== 'connected') return 'unknown';
  const rtt = stats.rttMs ?? 0;
  if (stats.packetLoss > 0.08 || rtt > 400) return 'poor';
  if (stats.packetLoss > 0.02 || rtt > 200) return 'fair';
  return 'good';
}

/** The server's view of our link to `peer` (state and RTT), when the session has no stats. */
function fromRoomLink(state: AppStore, peer: PeerId): LinkStats | undefined {
  const self = state.room?.selfId;
  const link = state.room?.links.find(
    (l) => (l.a === self && l.b === peer) || (l.b === self && l.a === peer),
  );
  if (!link) return undefined;
  return {
    peer,
    status: link.state,
    rttMs: link.rttMs,
    outboundKbps: 0,
    inboundKbps: 0,
    packetLoss: 0,
    framesDecoded: 0,
    candidateType: null,
  };
}

/**
 * Polls the session's link stats for `peer` (the neighbour a tile's video arrives from). The
 * latest numbers live in a ref for the tooltip; the component re-renders only when the coarse
 * quality changes.
 */
export function useLinkQuality(peer: PeerId | null): {
  quality: Quality;
  latest: React.RefObject<LinkStats | null>;
} {
  const store = useStoreApi();
  const latest = useRef<LinkStats | null>(null);
  const [quality, setQuality] = useState<Quality>('unknown');

  useEffect(() => {
    if (!peer) return;
    let alive = true;
    const read = async () => {
      const all = await store.getState().getStats();
      if (!alive) return;
      const mine = all.find((s) => s.peer === peer) ?? fromRoomLink(store.getState(), peer);
      latest.current = mine ?? null;
      setQuality(qualityOf(mine));
    };
    void read();
    const timer = setInterval(() => void read(), STATS_POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [peer, store]);

  return { quality, latest };
}
