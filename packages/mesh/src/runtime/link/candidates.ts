import type { CandidateSignal } from '@meshwork/protocol';

/** A local ICE candidate (or the end of candidates) as the signal that trickles it. */
export function candidateSignalOf(candidate: RTCIceCandidate | null): CandidateSignal {
  if (candidate === null || candidate.candidate === '')
    return { type: 'candidate', candidate: null };
  return {
    type: 'candidate',
    candidate: {
      candidate: candidate.candidate,
      sdpMid: candidate.sdpMid ?? null,
      sdpMLineIndex: candidate.sdpMLineIndex ?? null,
      usernameFragment: candidate.usernameFragment ?? null,
    },
  };
}

/** The `addIceCandidate` argument of a trickled candidate; null for the end of candidates. */
export function candidateInitOf(signal: CandidateSignal): RTCIceCandidateInit | null {
  if (signal.candidate === null) return null;
  return {
    candidate: signal.candidate.candidate,
    sdpMid: signal.candidate.sdpMid ?? null,
    sdpMLineIndex: signal.candidate.sdpMLineIndex ?? null,
    usernameFragment: signal.candidate.usernameFragment ?? null,
  };
}
