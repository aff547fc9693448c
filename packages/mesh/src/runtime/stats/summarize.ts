import type { LinkStats } from '../types';

/** One `RTCStatsReport` entry, as far as the summaries read it. */
export type Stat = Record<string, unknown> & { id: string; type: string };

/** The part of an `RTCStatsReport` the summaries read (a Map in tests). */
export interface StatsReportLike {
  forEach(cb: (stat: Stat) => void): void;
}

/** Counters of one link at one moment, kept to turn the next report into a window. */
export interface StatsSample {
  at: number;
  bytesSent: number;
  bytesReceived: number;
  packetsLost: number;
  packetsReceived: number;
}

/** Numbers read from one report, over the window since `prev`, and the sample for the next. */
export type StatsSummary = Omit<LinkStats, 'peer' | 'status'> & { sample: StatsSample };

/** A finite number, or 0: implementations leave fields out or report NaN. */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * Reduces a stats report to the link's numbers. Bitrates and packet loss are over the window
 * since `prev` (the previous sample of the same link life), so one early loss burst does not
 * mark a link poor for the rest of the call. Without `prev` the bitrates are 0 (no time base)
 * and loss counts from the start of the link. Counters that went backwards count as 0.
 */
export function summarizeStats(
  report: StatsReportLike,
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
  let cpu = false;
  let bandwidth = false;
  const pairs: Stat[] = [];
  report.forEach((stat) => {
    byId.set(stat.id, stat);
    switch (stat.type) {
      case 'outbound-rtp':
        bytesSent += num(stat.bytesSent);
        if (stat.kind === 'video' && stat.qualityLimitationReason === 'cpu') cpu = true;
        if (stat.kind === 'video' && stat.qualityLimitationReason === 'bandwidth') bandwidth = true;
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
  const lost = Math.max(0, packetsLost - (prev?.packetsLost ?? 0));
  const received = Math.max(0, packetsReceived - (prev?.packetsReceived ?? 0));
  return {
    rttMs: typeof rtt === 'number' ? rtt * 1000 : null,
    outboundKbps: kbps(bytesSent, prev?.bytesSent ?? 0),
    inboundKbps: kbps(bytesReceived, prev?.bytesReceived ?? 0),
    packetLoss: lost + received > 0 ? lost / (lost + received) : 0,
    framesDecoded,
    candidateType: typeof local?.candidateType === 'string' ? local.candidateType : null,
    qualityLimitation: cpu ? 'cpu' : bandwidth ? 'bandwidth' : null,
    sample: { at: now, bytesSent, bytesReceived, packetsLost, packetsReceived },
  };
}
