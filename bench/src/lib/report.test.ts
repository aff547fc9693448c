import { describe, expect, it } from 'vitest';
import { checkGoals } from './goals';
import {
  extractFindings,
  FINDINGS_END,
  FINDINGS_START,
  renderCharts,
  renderReport,
} from './report';
import type { Results } from './results';

function results(partial: Partial<Results> = {}): Results {
  return {
    meta: {
      date: '2026-01-01T00:00:00.000Z',
      mode: 'quick',
      machine: { cpu: 'Test CPU', cores: 2, memoryGb: 4, node: 'v20.0.0', os: 'Linux' },
      network: 'namespace',
      durationS: 1,
      loadAverage: { start: 0.5, end: 0.7 },
      chromium: null,
    },
    signal: {},
    web: {},
    browser: {},
    pending: {},
    notes: [],
    ...partial,
  };
}

describe('checkGoals', () => {
  it('marks met, missed and pending', () => {
    const r = results({
      signal: { joinAckMs: { p50: 1.5, p99: 7 } },
      browser: { switch: { 'mesh->star': { ms: 250, maxGapMs: 120 } } },
    });
    const by = new Map(checkGoals(r).map((c) => [c.goal.key.join('.'), c.status]));
    expect(by.get('signal.joinAckMs.p50')).toBe('met');
    expect(by.get('signal.joinAckMs.p99')).toBe('missed');
    expect(by.get('browser.switch.mesh->star.ms')).toBe('met');
    expect(by.get('browser.switch.mesh->star.maxGapMs')).toBe('missed');
    expect(by.get('signal.heapKbPerPeer')).toBe('pending');
  });
});

describe('renderReport', () => {
  it('states the machine, the goals and pending keys, and keeps the findings', () => {
    const r = results({
      web: { meshLibKbGz: 30 },
      pending: { 'browser.ringHopMs': 'not built yet' },
    });
    const md = renderReport(r, 'Zod is most of the library.');
    expect(md).toContain('| CPU | Test CPU |');
    expect(md).toContain(
      '| mesh library | `web.meshLibKbGz` | 30 KB gz | <= 25 KB gz | **missed** |',
    );
    expect(md).toContain('- `browser.ringHopMs`: not built yet');
    expect(extractFindings(md)).toBe('Zod is most of the library.');
    expect(md.indexOf(FINDINGS_START)).toBeLessThan(md.indexOf(FINDINGS_END));
  });

  it('gives a placeholder when there are no findings yet', () => {
    expect(extractFindings(null)).toMatch(/No findings/);
    expect(extractFindings('# old report without markers')).toMatch(/No findings/);
  });
});

describe('renderCharts', () => {
  it('draws only charts that have numbers', () => {
    expect(Object.keys(renderCharts(results()))).toEqual([]);
    const charts = renderCharts(
      results({
        web: { initialJsKbGz: 80, meshLibKbGz: 30 },
        signal: { joinAckMs: { p50: 1, p99: 3 } },
      }),
    );
    expect(Object.keys(charts).sort()).toEqual(['join-ack.svg', 'sizes.svg']);
  });
});
