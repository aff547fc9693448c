/** One bar of a text chart. */
export interface Bar {
  label: string;
  value: number;
}

/** Bars of `#` scaled so the largest value is `width` wide, each with its value after it. */
export function textChart(bars: readonly Bar[], unit: string, width = 40): string {
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const pad = Math.max(...bars.map((b) => b.label.length));
  return bars
    .map((b) => {
      const n = Math.round((b.value / max) * width);
      return `${b.label.padEnd(pad)} | ${'#'.repeat(n)}${n > 0 ? ' ' : ''}${b.value} ${unit}`;
    })
    .join('\n');
}
