/** One bar of a chart; `goal` draws a dashed marker at that value. */
export interface Bar {
  label: string;
  value: number;
  goal?: number;
}

/** What a bar chart shows. */
export interface BarChart {
  title: string;
  unit: string;
  bars: readonly Bar[];
}

const WIDTH = 640;
const BAR_HEIGHT = 22;
const GAP = 8;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 90;
const TOP = 36;
const BOTTOM = 14;

/** Escapes text for SVG content and attributes. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/**
 * A horizontal bar chart as a self-contained SVG string. Pure: the same chart gives the same
 * bytes, so regenerated charts only change when the numbers do. Bars over their goal are red.
 */
export function renderBarChart(chart: BarChart): string {
  const bars = chart.bars.filter((b) => Number.isFinite(b.value));
  const height = TOP + bars.length * (BAR_HEIGHT + GAP) + BOTTOM;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const scaleMax = Math.max(1e-9, ...bars.map((b) => Math.max(b.value, b.goal ?? 0)));
  const x = (v: number) => LABEL_WIDTH + (Math.max(0, v) / scaleMax) * plot;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">${escapeXml(chart.title)} (${escapeXml(chart.unit)})</text>`,
  ];
  bars.forEach((bar, i) => {
    const y = TOP + i * (BAR_HEIGHT + GAP);
    const over = bar.goal !== undefined && bar.value > bar.goal;
    const w = Math.max(1, x(bar.value) - LABEL_WIDTH);
    parts.push(
      `<text x="${LABEL_WIDTH - 6}" y="${y + 15}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${over ? '#d9534f' : '#4a7fc1'}"/>`,
      `<text x="${(LABEL_WIDTH + w + 4).toFixed(1)}" y="${y + 15}">${escapeXml(fmt(bar.value))}</text>`,
    );
    if (bar.goal !== undefined) {
      const gx = x(bar.goal).toFixed(1);
      parts.push(
        `<line x1="${gx}" y1="${y - 2}" x2="${gx}" y2="${y + BAR_HEIGHT + 2}" stroke="#222" stroke-width="1.5" stroke-dasharray="3,2"/>`,
      );
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
