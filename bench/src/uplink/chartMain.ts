// `pnpm --filter @meshwork/bench bench:uplink-chart`: redraws docs/charts/uplink.svg from the
// `uplink` figures in bench/results/latest.json (bench:uplink does this after each run).
import { writeUplinkChart } from './writeChart';

writeUplinkChart();
