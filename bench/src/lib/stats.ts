/** Summary of a sample of measurements (same unit as the samples). */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
}

/**
 * The `p`-th percentile (0-100) of `samples` by the nearest-rank method: the smallest value with
 * at least p% of the samples at or below it. NaN for an empty sample.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (p < 0 || p > 100) throw new RangeError(`percentile must be 0-100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** The median (nearest rank, so always one of the samples). */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Count, percentiles, extremes and mean of `samples`. */
export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const v of samples) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return {
    n,
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    min: n === 0 ? Number.NaN : min,
    max: n === 0 ? Number.NaN : max,
    mean: n === 0 ? Number.NaN : sum / n,
  };
}

/** Rounds to `digits` decimals (for JSON that stays readable). */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A summary with every number rounded. */
export function roundSummary(s: Summary, digits = 3): Summary {
  return {
    n: s.n,
    p50: round(s.p50, digits),
    p90: round(s.p90, digits),
    p99: round(s.p99, digits),
    min: round(s.min, digits),
    max: round(s.max, digits),
    mean: round(s.mean, digits),
  };
}

/**
 * Least-squares slope and intercept of y over x (for "ms per hop" from latency by hop count).
 * Null when x has no spread.
 */
export function linearFit(
  points: ReadonlyArray<{ x: number; y: number }>,
): { slope: number; intercept: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  if (den === 0) return null;
  const slope = num / den;
  return { slope, intercept: my - slope * mx };
}

/** A difference with its sign always shown: `+12`, `-1`, `+0`. */
export function signed(value: number): string {
  return value < 0 ? `${value}` : `+${value}`;
}
