// Runs every vitest suite of the workspace one after another (2-core machines: WebRTC suites
// must not compete for the CPU) and writes one JSON report per suite. Invoked by test.mjs,
// inside a loopback-only network namespace where the machine allows one.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSuites } from './lib/suites.mjs';

const SUITE_TIMEOUT_MS = 25 * 60 * 1000;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, '.vitest-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const only = process.argv.slice(2);
for (const suite of findSuites(root)) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.info(`\n=== suite ${suite.name} (${suite.dir.slice(root.length + 1)})`);
  const args = ['run', '--reporter=default', '--reporter=json'];
  args.push(`--outputFile.json=${join(reports, `${suite.name}.json`)}`);
  if (suite.config) args.push('--config', suite.config);
  const started = Date.now();
  const res = spawnSync(join(root, 'node_modules/.bin/vitest'), args, {
    cwd: suite.dir,
    stdio: 'inherit',
    timeout: SUITE_TIMEOUT_MS,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.info(`=== suite ${suite.name} exited ${res.status ?? res.signal} after ${seconds} s`);
  // test.mjs reads the exit status beside the report: a suite can fail without failing a test.
  writeFileSync(join(reports, `${suite.name}.exit`), String(res.status ?? 1));
}
