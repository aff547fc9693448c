import type { DeviceClass, PeerId } from '@meshwork/protocol';
import type { PlanPeer } from './types';

// A hub relays everyone's media, so a stronger machine class wins ties on uplink.
const DEVICE_RANK: Readonly<Record<DeviceClass, number>> = {
  server: 3,
  desktop: 2,
  mobile: 1,
  unknown: 0,
};

/** Compares two peers as hub candidates in join order: negative when `a` is the better hub. */
function compareCandidates(a: PlanPeer, ai: number, b: PlanPeer, bi: number): number {
  // An unmeasured uplink ranks below any measured one, even 0 kbps: a measurement is evidence.
  const aUp = a.capacity.uplinkKbps ?? -1;
  const bUp = b.capacity.uplinkKbps ?? -1;
  if (aUp !== bUp) return bUp - aUp;
  const aDev = DEVICE_RANK[a.capacity.deviceClass ?? 'unknown'];
  const bDev = DEVICE_RANK[b.capacity.deviceClass ?? 'unknown'];
  if (aDev !== bDev) return bDev - aDev;
  if (a.joinedAt !== b.joinedAt) return a.joinedAt - b.joinedAt;
  return ai - bi;
}

/** The star hub: the preferred peer if still present, else the best capacity, else the earliest joiner. */
export function electHub(peers: readonly PlanPeer[], preference: PeerId | null): PeerId | null {
  if (preference !== null && peers.some((p) => p.id === preference)) return preference;
  let best: PlanPeer | undefined;
  let bestIndex = -1;
  peers.forEach((peer, index) => {
    if (best === undefined || compareCandidates(peer, index, best, bestIndex) < 0) {
      best = peer;
      bestIndex = index;
    }
  });
  return best?.id ?? null;
}
