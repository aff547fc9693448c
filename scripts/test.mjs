// `npm test`: installs everything the tests need (pnpm, dependencies, Chromium, Firefox ESR,
// Redis, the network tools of the fault tests), runs the gates
// (lint, typecheck, build), then every test suite inside a loopback-only network namespace, and
// ends with the totals line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printFailures, readSuiteReport } from './lib/report.mjs';
import { findSuites } from './lib/suites.mjs';
import {
  canIsolateNetwork,
  ensureDebianBinary,
  ensurePnpm,
  installDependencies,
} from './lib/toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const only = process.argv.slice(2);

const pnpm = ensurePnpm();
installDependencies(pnpm);
const [pnpmCmd, ...pnpmPre] = pnpm;

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
if (findSuites(root).some((s) => s.kind === 'e2e')) {
  const chromium = ensureDebianBinary('chromium', 'chromium');
  if (chromium) env.CHROMIUM_PATH = chromium;
  const firefox = ensureDebianBinary('firefox-esr', 'firefox-esr');
  if (firefox) env.FIREFOX_PATH = firefox;
}
// Real Redis for the multi-node suites; nftables and iproute2 for the per-peer fault networks.
const redis = ensureDebianBinary('redis-server', 'redis-server');
if (redis) env.REDIS_SERVER_PATH = redis;
const nft = ensureDebianBinary('nft', 'nftables');
if (nft) env.NFT_PATH = nft;
ensureDebianBinary('tc', 'iproute2');

const rows = [];
const failures = [];
function gate(name, args) {
  console.info(`\n=== gate ${name}`);
  const res = spawnSync(pnpmCmd, [...pnpmPre, ...args], { stdio: 'inherit', env });
  rows.push({
    name: `gate:${name}`,
    passed: res.status === 0 ? 1 : 0,
    failed: res.status === 0 ? 0 : 1,
    skipped: 0,
  });
  if (res.status !== 0) {
    failures.push({ suite: `gate:${name}`, test: '(gate)', error: 'see the gate output above' });
  }
}
if (only.length === 0) {
  gate('lint', ['exec', 'biome', 'ci', '.']);
  gate('typecheck', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only']);
}
gate('build', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

const isolation = canIsolateNetwork();
const inner = ['scripts/run-suites.mjs', ...only];
let res;
if (isolation.ok) {
  console.info('\nmeshwork: running the suites in a network namespace with only loopback');
  res = spawnSync(
    'unshare',
    // Firefox gathers no ICE candidates without a default route; over lo it cannot leave.
    [
      '-n',
      'sh',
      '-c',
      `ip link set lo up && ip route add default dev lo src 127.0.0.1 && exec "${process.execPath}" ${inner.join(' ')}`,
    ],
    { stdio: 'inherit', env: { ...env, MESHWORK_NETNS: '1' } },
  );
} else {
  console.warn(
    `\nmeshwork: WARNING: cannot isolate the network (${isolation.reason}); running the suites ` +
      'on the host network. They still only address 127.0.0.1.',
  );
  // Real-WebRTC suites skip on a host network unless told the runner could not do better.
  res = spawnSync(process.execPath, inner, {
    stdio: 'inherit',
    env: { ...env, MESHWORK_ALLOW_HOST_NETWORK: '1' },
  });
}
if (res.status !== 0) console.warn(`meshwork: suite runner exited ${res.status ?? res.signal}`);

for (const suite of findSuites(root)) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  const reportFile = join(root, '.vitest-reports', `${suite.name}.json`);
  const exitFile = join(root, '.vitest-reports', `${suite.name}.exit`);
  const report = readSuiteReport(root, suite.name, reportFile, exitFile);
  rows.push(report.row);
  failures.push(...report.failures);
}
printFailures(failures);

console.info('\n=== summary');
for (const row of rows) {
  const note = row.note ? `  (${row.note})` : '';
  console.info(
    `${row.name.padEnd(16)} ${String(row.passed).padStart(5)} passed ${String(row.failed).padStart(4)} failed ${String(row.skipped).padStart(4)} skipped${note}`,
  );
}
const total = rows.reduce(
  (t, r) => ({
    passed: t.passed + r.passed,
    failed: t.failed + r.failed,
    skipped: t.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.info(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 ? 0 : 1);
