import type { LinkStats } from './types';
/** Byte counters of one link at one moment, kept to turn the next sample into bitrates. */
export interface StatsSample {
  at: number;
  bytesSent: number;
  bytesReceived: number;
}

/** Numbers read from one `getStats()` report. */
export type StatsSummary = Omit<LinkStats, 'peer' | 'status'> & { sample: StatsSample };

type Stat = Record<string, unknown> & { id: string; type: string };

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Reduces a stats report to the link's numbers; bitrates are over the time since `prev`. */
export function summarizeStats(
  report: { forEach(cb: (stat: Stat) => void): void },
  prev: StatsSample | null,
  now: number,
): StatsSummary {
  const byId = new Map<string, Stat>();
  let bytesSent = 0;
  let bytesReceived = 0;
  let packetsLost = 0;
  let packetsReceived = 0;
  let framesDecoded = 0;
  let selectedPairId: string | null = null;
  const pairs: Stat[] = [];
  report.forEach((stat) => {
    byId.set(stat.id, stat);
    switch (stat.type) {
      case 'outbound-rtp':
        bytesSent += num(stat.bytesSent);
        break;
      case 'inbound-rtp':
        bytesReceived += num(stat.bytesReceived);
        packetsLost += num(stat.packetsLost);
        packetsReceived += num(stat.packetsReceived);
        framesDecoded += num(stat.framesDecoded);
        break;
      case 'transport':
        if (typeof stat.selectedCandidatePairId === 'string')
          selectedPairId = stat.selectedCandidatePairId;
        break;
      case 'candidate-pair':
        pairs.push(stat);
        break;
    }
  });
  const pair =
    (selectedPairId !== null ? byId.get(selectedPairId) : undefined) ??
    pairs.find((p) => p.nominated === true && p.state === 'succeeded');
  const rtt = pair !== undefined ? pair.currentRoundTripTime : undefined;
  const local =
    pair !== undefined && typeof pair.localCandidateId === 'string'
      ? byId.get(pair.localCandidateId)
      : undefined;
  const seconds = prev !== null ? (now - prev.at) / 1000 : 0;
  const kbps = (bytes: number, before: number) =>
    seconds > 0 ? Math.max(0, ((bytes - before) * 8) / 1000 / seconds) : 0;
  const totalPackets = packetsLost + packetsReceived;
  return {
    rttMs: typeof rtt === 'number' ? rtt * 1000 : null,
    outboundKbps: kbps(bytesSent, prev?.bytesSent ?? 0),
    inboundKbps: kbps(bytesReceived, prev?.bytesReceived ?? 0),
    packetLoss: totalPackets > 0 ? packetsLost / totalPackets : 0,
    framesDecoded,
    candidateType: typeof local?.candidateType === 'string' ? local.candidateType : null,
    sample: { at: now, bytesSent, bytesReceived },
  };
}

/**
 * Per receiving `mid`, how much media has been decoded on it: video frames decoded, audio
 * packets received. Reads `inbound-rtp` entries by `mid`, or by `trackIdentifier` through
 * `midOfTrack` where an implementation leaves `mid` out.
 */
export function mediaCountsByMid(
  report: { forEach(cb: (stat: Stat) => void): void },
  midOfTrack: (trackId: string) => string | null,
): Map<string, number> {
  const counts = new Map<string, number>();
  report.forEach((stat) => {
    if (stat.type !== 'inbound-rtp') return;
    const mid =
      typeof stat.mid === 'string'
        ? stat.mid
        : typeof stat.trackIdentifier === 'string'
          ? midOfTrack(stat.trackIdentifier)
          : null;
    if (mid === null) return;
    const kind = stat.kind ?? stat.mediaType;
    const count = kind === 'video' ? num(stat.framesDecoded) : num(stat.packetsReceived);
    counts.set(mid, (counts.get(mid) ?? 0) + count);
  });
  return counts;
}
