// Prints where a `.cpuprofile` spends its time: `tsx src/tools/profileSummary.ts FILE [TOP]`.
import { readFileSync } from 'node:fs';
import { type CpuProfile, summarizeProfile } from '../lib/cpuProfile';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx src/tools/profileSummary.ts FILE.cpuprofile [TOP]');
  process.exit(2);
}
const summary = summarizeProfile(
  JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
  Number(process.argv[3] ?? 20),
);
console.info(`busy ${summary.totalMs} ms\n\nby package:`);
for (const e of summary.byGroup)
  console.info(`  ${String(e.share).padStart(5)}%  ${e.selfMs} ms  ${e.name}`);
console.info('\nby function:');
for (const e of summary.byFunction)
  console.info(`  ${String(e.share).padStart(5)}%  ${e.selfMs} ms  ${e.name}`);
