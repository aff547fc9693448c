import { num, type StatsReportLike } from './summarize';

/**
 * Per receiving `mid`, how much media has been decoded on it: video frames decoded, audio
 * packets received (and video packets received where the implementation never decodes). Reads `inbound-rtp` entries by `mid`, or by `trackIdentifier` through
 * `midOfTrack` where an implementation leaves `mid` out.
 */
export function mediaCountsByMid(
  report: StatsReportLike,
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
    // A forwarding peer without a decoder (a werift media hub) reports no `framesDecoded` at
    // all: what it has of a video track is the packets it received.
    const decodes = kind === 'video' && stat.framesDecoded !== undefined;
    const count = decodes ? num(stat.framesDecoded) : num(stat.packetsReceived);
    counts.set(mid, (counts.get(mid) ?? 0) + count);
  });
  return counts;
}
