import { CHAOS_USAGE, parseChaosArgs } from './chaosArgs';
import { type ChaosRow, runChaos } from './runChaos';

/** The CLI's output: one line each (a CLI prints; it has no logger). */
const out = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(2)} s`);

/** One table row. */
export function formatRow(row: ChaosRow): string {
  const broken = row.violations.map((v) => `${v.invariant}: ${v.detail}`).join('; ');
  const native = row.nativeCrashes.map((c) => ` (native crash: ${c})`).join('');
  return `| ${fmt(row.at)} | ${row.fault} | ${fmt(row.detectionMs)} | ${fmt(row.mediaBackMs)} | ${Math.round(row.longestGapMs)} ms | ${broken || 'ok'}${native} |`;
}

/** `pnpm bots chaos ...`: runs, prints the table, returns the exit status. */
export async function chaosMain(argv: string[]): Promise<number> {
  const args = parseChaosArgs(argv, Math.floor(Math.random() * 1_000_000));
  if (args.kind === 'help') {
    process.stdout.write(CHAOS_USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${CHAOS_USAGE}`);
    return 2;
  }
  if (process.getuid?.() !== 0) {
    process.stderr.write('chaos: needs root (it makes network namespaces with ip netns)\n');
    return 2;
  }
  out(`chaos: ${args.bots} bots, ${args.durationMs / 1000} s, seed ${args.seed}`);
  out('| at | fault | detection | media back | longest gap | invariants |');
  out('| --- | --- | --- | --- | --- | --- |');
  const result = await runChaos({
    bots: args.bots,
    durationMs: args.durationMs,
    seed: args.seed,
    mediaBoundMs: args.boundMs,
    onRow: (row) => out(formatRow(row)),
  });
  for (const v of result.violations) console.error(`BROKEN ${v.invariant}: ${v.detail}`);
  for (const c of result.nativeCrashes)
    console.error(`NATIVE CRASH (not a broken invariant): ${c}`);
  out(
    `chaos: ${result.rows.length} faults, ${result.violations.length} broken invariants (seed ${args.seed})`,
  );
  return result.ok ? 0 : 1;
}
