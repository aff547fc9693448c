// `pnpm --filter @meshwork/bench faults [runs]`: measures failover on real networks (netlab
// namespaces, wrtc bots at 160x120@15) and prints one row per fault and run, then the figures.
import { enterLoopbackNamespace } from '../netns';
import {
  cutRestore,
  type FaultFigure,
  hubCrash,
  hubCut,
  lossSwitch,
  ringRelayCut,
  signalRestart,
} from './scenarios';

if (enterLoopbackNamespace() === 'host') {
  console.error('faults: needs root and unshare (it makes network namespaces)');
  process.exit(2);
}

const runs = Number(process.argv[2] ?? 3);
const scenarios = [hubCrash, hubCut, ringRelayCut, cutRestore, signalRestart, () => lossSwitch(5)];
const rows: FaultFigure[] = [];
const fmt = (ms: number | null) => (ms === null ? '-' : `${Math.round(ms)} ms`);

for (let run = 1; run <= runs; run++) {
  for (const scenario of scenarios) {
    const figure = await scenario().catch(
      (err: unknown): FaultFigure => ({
        fault: scenario.name,
        detectionMs: null,
        mediaBackMs: Number.NaN,
        steadyGapMs: Number.NaN,
        notes: `failed: ${String(err)}`,
        ok: false,
      }),
    );
    rows.push(figure);
    console.info(
      `run ${run} | ${figure.fault} | detection ${fmt(figure.detectionMs)} | media out ${fmt(figure.mediaBackMs)} | steady gap ${fmt(figure.steadyGapMs)} | ${figure.ok ? 'ok' : 'MISSED'} | ${figure.notes}`,
    );
  }
}

console.info(
  '\n| fault | runs | detection (median) | longest media gap (median, max) | steady-state gap (median) | met |',
);
console.info('| --- | --- | --- | --- | --- | --- |');
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};
for (const fault of [...new Set(rows.map((r) => r.fault))]) {
  const of = rows.filter((r) => r.fault === fault);
  const det = of.map((r) => r.detectionMs ?? Number.NaN);
  const back = of.map((r) => r.mediaBackMs);
  console.info(
    `| ${fault} | ${of.length} | ${fmt(Number.isFinite(median(det)) ? median(det) : null)} | ${fmt(median(back))}, ${fmt(Math.max(...back))} | ${fmt(median(of.map((r) => r.steadyGapMs)))} | ${of.filter((r) => r.ok).length}/${of.length} |`,
  );
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
