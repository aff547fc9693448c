import { describe, expect, it } from 'vitest';
import { uplinkChart } from './chart';

describe('uplinkChart', () => {
  it('draws the busiest and the median peer of each measured room against the budget', () => {
    const chart = uplinkChart(
      {
        mesh: { '4': { upKbps: [301, 275, 275, 260] }, '6': { error: 'did not form' } },
        star: { '4': { upKbps: [1272, 165, 165, 160] }, '2': { upKbps: [170, 171] } },
      },
      2_500,
    );
    expect(chart.bars).toEqual([
      { label: 'mesh N=4 busiest', value: 301, goal: 2_500 },
      { label: 'mesh N=4 median', value: 275, goal: 2_500 },
      { label: 'star N=2 busiest', value: 171, goal: 2_500 },
      { label: 'star N=2 median', value: 170.5, goal: 2_500 },
      { label: 'star N=4 busiest', value: 1272, goal: 2_500 },
      { label: 'star N=4 median', value: 165, goal: 2_500 },
    ]);
  });
});
