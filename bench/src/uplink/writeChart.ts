import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBarChart } from '../lib/chart';
import { readResults } from '../lib/mergeResults';
import { type UplinkResults, uplinkChart } from './chart';

const CHART = join(fileURLToPath(new URL('../../..', import.meta.url)), 'docs/charts/uplink.svg');

/** Draws the uplink chart from the merged results; says so and does nothing without them. */
export function writeUplinkChart(): void {
  const uplink = readResults('uplink') as
    | { perTopology?: UplinkResults; defaultBudgetKbps?: number }
    | undefined;
  if (!uplink?.perTopology) {
    console.warn('no uplink results in bench/results/latest.json: run bench:uplink first');
    return;
  }
  const chart = uplinkChart(uplink.perTopology, uplink.defaultBudgetKbps ?? 2_500);
  writeFileSync(CHART, renderBarChart(chart));
  console.info(`wrote ${CHART} (${chart.bars.length} bars)`);
}
