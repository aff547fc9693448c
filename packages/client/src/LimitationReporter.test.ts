import type { LinkStats } from '@meshwork/mesh/runtime';
import type { QualityLimitation } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { LIMITATION_REPORT_HOLD_MS, LimitationReporter, limitationOf } from './LimitationReporter';

const link = (qualityLimitation: 'cpu' | 'bandwidth' | null): LinkStats => ({
  peer: 'peer0001',
  status: 'connected',
  rttMs: 1,
  outboundKbps: 100,
  inboundKbps: 100,
  packetLoss: 0,
  framesDecoded: 1,
  candidateType: 'host',
  qualityLimitation,
});

describe('LimitationReporter', () => {
  it('[P28] cpu on any link wins over bandwidth on another; nothing is null', () => {
    expect(limitationOf([link(null), link('bandwidth'), link('cpu')])).toBe('cpu');
    expect(limitationOf([link(null), link('bandwidth')])).toBe('bandwidth');
    expect(limitationOf([link(null)])).toBeNull();
    expect(limitationOf([])).toBeNull();
  });

  it('[P28] reports a change once it has held, once, and its end the same way', () => {
    const sent: Array<QualityLimitation | null> = [];
    const r = new LimitationReporter((l) => sent.push(l));
    r.sample([link('cpu')], 0);
    r.sample([link('cpu')], LIMITATION_REPORT_HOLD_MS - 1);
    expect(sent).toEqual([]);
    r.sample([link('cpu')], LIMITATION_REPORT_HOLD_MS);
    r.sample([link('cpu')], LIMITATION_REPORT_HOLD_MS * 2);
    expect(sent).toEqual(['cpu']);
    r.sample([link(null)], 10_000);
    r.sample([link(null)], 10_000 + LIMITATION_REPORT_HOLD_MS);
    expect(sent).toEqual(['cpu', null]);
  });

  it('[P28] a reason that flickers faster than the hold time is never reported', () => {
    const sent: Array<QualityLimitation | null> = [];
    const r = new LimitationReporter((l) => sent.push(l));
    for (let t = 0; t < 60_000; t += 1_000)
      r.sample([link(t % 2000 === 0 ? 'bandwidth' : null)], t);
    expect(sent).toEqual([]);
  });
});
