import { describe, expect, it } from 'vitest';
import type { TimingMark } from '../browser/page/api';
import { switchProfile } from './switchProfile';

const mark = (at: number, msg: string, data: Record<string, unknown> = {}): TimingMark => ({
  at,
  namespace: 'session/mesh',
  msg,
  data,
});

describe('switchProfile', () => {
  it('takes the latest page for each step, from the request, within the switch only', () => {
    const pageA = [
      mark(990, 'plan ready', { sincePreparedMs: 5 }), // before the request: another switch
      mark(1010, 'plan prepared'),
      mark(1080, 'status', { to: 'connecting' }),
      mark(1120, 'status', { to: 'connected' }),
      mark(1150, 'incoming tracks decoding', { why: 'decoded' }),
      mark(1160, 'plan ready', { sincePreparedMs: 150 }),
    ];
    const pageB = [
      mark(1030, 'plan prepared'),
      mark(1200, 'incoming tracks decoding', { why: 'deadline' }),
      mark(1210, 'plan ready', { sincePreparedMs: 180 }),
      mark(1400, 'status', { to: 'connected' }), // after the commit
    ];
    expect(switchProfile([pageA, pageB], 1000, 1250)).toEqual({
      preparedMs: 30,
      linksConnectedMs: 120,
      linksOpened: 1,
      decodedMs: 200,
      deadlines: 1,
      readyMs: 210,
      slowestReadyAfterPrepareMs: 180,
      committedMs: 250,
    });
  });

  it('says null for a step no page marked', () => {
    const p = switchProfile([[mark(1010, 'plan prepared')]], 1000, 1100);
    expect(p.linksConnectedMs).toBeNull();
    expect(p.readyMs).toBeNull();
    expect(p.linksOpened).toBe(0);
  });
});
