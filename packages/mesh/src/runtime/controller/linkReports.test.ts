import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { LinkStatus } from '../types';
import { LinkReporter, linkReports, reportedState } from './linkReports';

const link = (status: LinkStatus, rttMs: number | null = null) => ({ status, rttMs });

describe('link reports', () => {
  it.each([
    ['new', 'connecting'],
    ['connecting', 'connecting'],
    ['connected', 'connected'],
    ['failed', 'failed'],
    ['closed', null],
  ] as const)('[M13] a %s link is reported %s', (status, state) => {
    expect(reportedState(status)).toBe(state);
  });

  it.each([
    ['disconnected', 'disconnected'],
    ['restarting', 'disconnected'],
  ] as const)('[M23] a %s link is reported %s', (status, state) => {
    expect(reportedState(status)).toBe(state);
  });

  it('[M13] closed links are left out; the last ping RTT rides along where there is one', () => {
    const links: Array<[PeerId, ReturnType<typeof link>]> = [
      ['peer-bbbb', link('connected', 12)],
      ['peer-cccc', link('closed', 5)],
      ['peer-dddd', link('restarting')],
    ];
    expect(linkReports(links)).toEqual([
      { peer: 'peer-bbbb', state: 'connected', rttMs: 12 },
      { peer: 'peer-dddd', state: 'disconnected' },
    ]);
  });

  it('[M13] reports pass on when links or states change, not when only the RTT does', () => {
    const reporter = new LinkReporter();
    const first = [{ peer: 'peer-bbbb', state: 'connecting' as const }];
    expect(reporter.changed(first)).toBe(first);
    expect(reporter.changed([{ peer: 'peer-bbbb', state: 'connecting', rttMs: 9 }])).toBeNull();
    const next = [{ peer: 'peer-bbbb', state: 'connected' as const }];
    expect(reporter.changed(next)).toBe(next);
    expect(reporter.changed([])).toEqual([]);
  });
});
