import type { Clock } from '@meshwork/kit';

/** Longest wait for ICE gathering before a code is made from the candidates found so far. */
export const GATHERING_TIMEOUT_MS = 3_000;

/** Resolves once `pc` finished gathering, or after `GATHERING_TIMEOUT_MS` (a bound, not a step). */
export function gatheringComplete(pc: RTCPeerConnection, clock: Clock): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clock.clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = clock.setTimeout(done, GATHERING_TIMEOUT_MS);
    pc.addEventListener('icegatheringstatechange', check);
  });
}
