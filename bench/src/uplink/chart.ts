// The uplink chart of docs/benchmarks.md: what the busiest and the median peer of each measured
// room send, against the per-peer budget, from the `uplink` results the bench merged.
import type { Bar, BarChart } from '../lib/chart';

/** One measured room of `uplink.perTopology` (a room that did not form has `error` instead). */
export interface UplinkRoomResult {
  upKbps?: number[];
  error?: string;
}

/** `uplink.perTopology`: topology, then room size, as the bench writes them. */
export type UplinkResults = Record<string, Record<string, UplinkRoomResult>>;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Two bars per measured room, in the bench's order: its busiest peer's uplink (a star's hub, a
 * ring's relay) and its median peer's, each with the budget as goal. Rooms that did not form are
 * left out. Pure.
 */
export function uplinkChart(results: UplinkResults, budgetKbps: number): BarChart {
  const bars: Bar[] = [];
  for (const [topology, rooms] of Object.entries(results)) {
    const sizes = Object.keys(rooms).sort((a, b) => Number(a) - Number(b));
    for (const n of sizes) {
      const up = rooms[n]?.upKbps;
      if (!up || up.length === 0) continue;
      bars.push({ label: `${topology} N=${n} busiest`, value: Math.max(...up), goal: budgetKbps });
      bars.push({ label: `${topology} N=${n} median`, value: median(up), goal: budgetKbps });
    }
  }
  return {
    title: 'Uplink per peer (RTP payload + headers; dashed: the budget)',
    unit: 'kbit/s',
    bars,
  };
}
