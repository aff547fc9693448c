import { describe, expect, it } from 'vitest';
import { escapeXml, renderBarChart } from './chart';

describe('renderBarChart', () => {
  const chart = {
    title: 'Join <ack>',
    unit: 'ms',
    bars: [
      { label: 'p50', value: 1, goal: 2 },
      { label: 'p99', value: 6, goal: 5 },
    ],
  };

  it('is deterministic', () => {
    expect(renderBarChart(chart)).toBe(renderBarChart(chart));
  });

  it('draws one bar per finite value, red when over its goal, with goal markers', () => {
    const svg = renderBarChart({
      ...chart,
      bars: [...chart.bars, { label: 'x', value: Number.NaN }],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg.match(/fill="#d9534f"/g)).toHaveLength(1);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
    expect(svg).toContain('Join &lt;ack&gt; (ms)');
    expect(svg).not.toContain('>x<');
  });

  it('scales bars to the largest value or goal', () => {
    const svg = renderBarChart({
      title: 't',
      unit: 'u',
      bars: [
        { label: 'a', value: 10 },
        { label: 'b', value: 5 },
      ],
    });
    const widths = [...svg.matchAll(/<rect x="190" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths[0]).toBeCloseTo(2 * (widths[1] ?? 0), 0);
  });
});

it('escapeXml escapes markup characters', () => {
  expect(escapeXml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
});
