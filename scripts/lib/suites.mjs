// Finds the test suites of the workspace: each package's unit/integration tests (its `test`
// script) and browser end-to-end tests (a `vitest.e2e.config.ts` beside its package.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const WORKSPACE_GROUPS = ['packages', 'apps'];
const WORKSPACE_SINGLES = ['bench'];
// Leaves first, so a broken foundation is reported before what builds on it.
const ORDER = [
  'kit',
  'netlab',
  'protocol',
  'mesh',
  'signal',
  'client',
  'bots',
  'hub',
  'web',
  'bench',
];

function packageDirs(root) {
  const dirs = WORKSPACE_SINGLES.map((d) => join(root, d));
  for (const group of WORKSPACE_GROUPS) {
    const base = join(root, group);
    if (existsSync(base)) dirs.push(...readdirSync(base).map((entry) => join(base, entry)));
  }
  return dirs;
}

/** Lists suites as { name, dir, config } in dependency order. */
export function findSuites(root) {
  const suites = [];
  for (const dir of packageDirs(root)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const name = basename(dir);
    if (pkg.scripts?.test) suites.push({ name, dir, config: null, kind: 'unit' });
    if (existsSync(join(dir, 'vitest.e2e.config.ts'))) {
      suites.push({ name: `${name}-e2e`, dir, config: 'vitest.e2e.config.ts', kind: 'e2e' });
    }
  }
  const rank = (s) => {
    const i = ORDER.indexOf(s.name.replace(/-e2e$/, ''));
    return (i === -1 ? ORDER.length : i) * 2 + (s.kind === 'e2e' ? 1 : 0);
  };
  return suites.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
