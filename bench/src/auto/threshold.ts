// What a measured run of meshes says about the automatic topology's mesh -> star size: the cost
// of one mesh link on the wire where the budget does not bind, the first size whose busiest
// sender measured over the budget, and the first size that cost would put over it. Pure, so the
// Chromium bench (chromiumMain.ts) and its tests share it.
import { median, round } from '../lib/stats';
import type { WindowFigures } from '../uplink/measure';

/** One mesh size as measured (or why it was not). */
export type MeasuredMesh = { n: number; window: WindowFigures } | { n: number; error: string };

/** The picture a camera sends when nothing scales it down. */
export interface FullPicture {
  height: number;
  fps: number;
}

/** Per size: the busiest sender, each sender's cost per link, and the pictures received. */
export interface MeshRow {
  n: number;
  /** Highest uplink of any peer (kbit/s, RTP headers included, audio and video). */
  maxUpKbps: number;
  /** Median over peers of uplink / (N - 1). */
  linkKbps: number;
  /** Every peer's uplink at or under the budget. */
  withinBudget: boolean;
  /** Median height and fps of every received picture. */
  medianHeight: number;
  medianFps: number;
  /** Every received picture at the camera's full height. */
  fullPicture: boolean;
  /** Encodings by `qualityLimitationReason`, summed over peers. */
  limitedBy: Record<string, number>;
}

/** What the sizes say about the threshold. */
export interface ThresholdFinding {
  rows: MeshRow[];
  /** Cost of one link where every picture was full size (median of those sizes' costs), or null. */
  fullLinkKbps: number | null;
  /** First measured N whose busiest sender sent more than the budget, or null. */
  measuredOverN: number | null;
  /** First N at which N - 1 links at `fullLinkKbps` exceed the budget, or null. */
  projectedOverN: number | null;
  /** First measured N whose received pictures are not all full size, or null. */
  shrinksAtN: number | null;
}

/** The row of one measured mesh of `n` against `budgetKbps`. */
export function meshRow(w: WindowFigures, budgetKbps: number, full: FullPicture): MeshRow {
  const ups = w.peers.map((p) => p.upKbps);
  const links = Math.max(1, w.n - 1);
  const limitedBy: Record<string, number> = {};
  for (const p of w.peers) {
    for (const [k, v] of Object.entries(p.limitedBy)) limitedBy[k] = (limitedBy[k] ?? 0) + v;
  }
  const heights = w.pictures.map((p) => p.height);
  return {
    n: w.n,
    maxUpKbps: ups.length ? Math.max(...ups) : 0,
    linkKbps: ups.length ? round(median(ups.map((u) => u / links)), 0) : 0,
    withinBudget: ups.every((u) => u <= budgetKbps),
    medianHeight: heights.length ? median(heights) : 0,
    medianFps: w.pictures.length ? round(median(w.pictures.map((p) => p.fps)), 1) : 0,
    fullPicture: heights.length > 0 && heights.every((h) => h >= full.height),
    limitedBy,
  };
}

/** Reads the threshold out of the measured sizes (in any order; failed sizes are skipped). */
export function findThreshold(
  measured: readonly MeasuredMesh[],
  budgetKbps: number,
  full: FullPicture,
  maxN = 20,
): ThresholdFinding {
  const rows = measured
    .flatMap((m) => ('window' in m ? [meshRow(m.window, budgetKbps, full)] : []))
    .sort((a, b) => a.n - b.n);
  const fullRows = rows.filter((r) => r.fullPicture && r.n >= 2);
  const fullLinkKbps = fullRows.length ? median(fullRows.map((r) => r.linkKbps)) : null;
  let projectedOverN: number | null = null;
  if (fullLinkKbps !== null && fullLinkKbps > 0) {
    for (let n = 2; n <= maxN; n++) {
      if ((n - 1) * fullLinkKbps > budgetKbps) {
        projectedOverN = n;
        break;
      }
    }
  }
  return {
    rows,
    fullLinkKbps,
    measuredOverN: rows.find((r) => !r.withinBudget)?.n ?? null,
    projectedOverN,
    shrinksAtN: rows.find((r) => !r.fullPicture)?.n ?? null,
  };
}
