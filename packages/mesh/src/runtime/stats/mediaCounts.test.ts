import { describe, expect, it } from 'vitest';
import { mediaCountsByMid } from './mediaCounts';

const report = (stats: Array<Record<string, unknown>>) =>
  new Map(stats.map((s, i) => [String(i), { id: String(i), type: 'x', ...s }]));

describe('mediaCountsByMid', () => {
  it('[M10] counts decoded video frames and received audio packets per mid', () => {
    const counts = mediaCountsByMid(
      report([
        { type: 'inbound-rtp', kind: 'video', mid: '0', framesDecoded: 7, packetsReceived: 30 },
        { type: 'inbound-rtp', kind: 'audio', mid: '1', packetsReceived: 12 },
        { type: 'outbound-rtp', kind: 'video', mid: '2', framesEncoded: 9 },
        { type: 'inbound-rtp', kind: 'video', mid: '3', framesDecoded: 0, packetsReceived: 4 },
      ]),
      () => null,
    );
    expect([...counts]).toEqual([
      ['0', 7],
      ['1', 12],
      ['3', 0],
    ]);
  });

  it('[M10] counts video packets received where the implementation never decodes (a forwarding hub)', () => {
    const counts = mediaCountsByMid(
      report([{ type: 'inbound-rtp', kind: 'video', mid: '0', packetsReceived: 9 }]),
      () => null,
    );
    expect([...counts]).toEqual([['0', 9]]);
  });

  it('[M10] finds the mid by track where an implementation leaves it out', () => {
    const counts = mediaCountsByMid(
      report([
        { type: 'inbound-rtp', mediaType: 'video', trackIdentifier: 't1', framesDecoded: 2 },
        { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'gone', framesDecoded: 5 },
      ]),
      (trackId) => (trackId === 't1' ? '4' : null),
    );
    expect([...counts]).toEqual([['4', 2]]);
  });
});
