import { describe, expect, it } from 'vitest';
import { type StatsSample, summarizeStats } from './summarize';

/** A report as a Map of entries, the way `RTCStatsReport` iterates. */
const report = (stats: Array<Record<string, unknown>>) =>
  new Map(stats.map((s, i) => [String(s.id ?? i), { id: String(s.id ?? i), type: 'x', ...s }]));

const inbound = (counters: { lost: number; received: number; bytes?: number }) =>
  report([
    {
      type: 'inbound-rtp',
      packetsLost: counters.lost,
      packetsReceived: counters.received,
      bytesReceived: counters.bytes ?? 0,
    },
  ]);

describe('summarizeStats', () => {
  it('[M18] reads rtt and candidate type from the selected pair, bitrates since the sample', () => {
    const prev: StatsSample = {
      at: 0,
      bytesSent: 0,
      bytesReceived: 0,
      packetsLost: 0,
      packetsReceived: 0,
    };
    const summary = summarizeStats(
      report([
        { type: 'outbound-rtp', bytesSent: 250_000 },
        { type: 'inbound-rtp', bytesReceived: 500_000, framesDecoded: 30 },
        { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
        { id: 'P', type: 'candidate-pair', currentRoundTripTime: 0.02, localCandidateId: 'L' },
        { id: 'L', type: 'local-candidate', candidateType: 'host' },
      ]),
      prev,
      2_000,
    );
    expect(summary).toMatchObject({
      rttMs: 20,
      outboundKbps: 1_000,
      inboundKbps: 2_000,
      framesDecoded: 30,
      candidateType: 'host',
    });
  });

  it('[M18] reads what holds the outbound video back, cpu before bandwidth, audio ignored', () => {
    const limited = (reasons: Array<[string, string]>) =>
      summarizeStats(
        report(
          reasons.map(([kind, reason]) => ({
            type: 'outbound-rtp',
            kind,
            qualityLimitationReason: reason,
          })),
        ),
        null,
        0,
      ).qualityLimitation;
    expect(limited([['video', 'none']])).toBeNull();
    expect(limited([])).toBeNull();
    expect(limited([['audio', 'cpu']])).toBeNull();
    expect(limited([['video', 'bandwidth']])).toBe('bandwidth');
    expect(
      limited([
        ['video', 'bandwidth'],
        ['video', 'cpu'],
      ]),
    ).toBe('cpu');
    expect(limited([['video', 'other']])).toBeNull();
  });

  it('[M18] without a previous sample bitrates are 0 and loss counts from the start', () => {
    const summary = summarizeStats(inbound({ lost: 10, received: 90, bytes: 9_000 }), null, 5_000);
    expect(summary).toMatchObject({ inboundKbps: 0, outboundKbps: 0, packetLoss: 0.1 });
    expect(summary.sample).toEqual({
      at: 5_000,
      bytesSent: 0,
      bytesReceived: 9_000,
      packetsLost: 10,
      packetsReceived: 90,
    });
  });

  /** Cumulative counters per sample (as a report gives them) and the windowed loss expected. */
  const windows: Array<{ name: string; counters: Array<[number, number]>; loss: number[] }> = [
    {
      name: 'a loss burst early, then clean windows: loss back to 0',
      counters: [
        [50, 50],
        [50, 250],
        [50, 450],
      ],
      loss: [0.5, 0, 0],
    },
    {
      name: 'loss in the last window only',
      counters: [
        [0, 100],
        [0, 200],
        [25, 275],
      ],
      loss: [0, 0, 0.25],
    },
    {
      name: 'a window with no packets at all reports no loss',
      counters: [
        [5, 95],
        [5, 95],
      ],
      loss: [0.05, 0],
    },
    {
      name: 'counters going backwards (duplicates reduce packetsLost) count as none lost',
      counters: [
        [10, 90],
        [8, 190],
      ],
      loss: [0.1, 0],
    },
  ];

  for (const w of windows) {
    it(`[M18] packet loss is windowed: ${w.name}`, () => {
      let prev: StatsSample | null = null;
      const seen: number[] = [];
      w.counters.forEach(([lost, received], i) => {
        const summary = summarizeStats(inbound({ lost, received }), prev, (i + 1) * 2_000);
        seen.push(summary.packetLoss);
        prev = summary.sample;
      });
      expect(seen).toEqual(w.loss);
    });
  }
});
