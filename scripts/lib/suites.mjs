// Finds the test suites of the workspace: each package's unit/integration tests (its `test`
// script) and browser end-to-end tests (a `vitest.e2e.config.ts` beside its package.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKSPACE_DIRS = ['packages', 'apps'];
// Leaves first, so a broken foundation is reported before what builds on it.
const ORDER = ['protocol', 'mesh', 'signal', 'client', 'bots', 'web'];

/** Lists suites as { name, dir, config } in dependency order. */
export function findSuites(root) {
  const suites = [];
  for (const group of WORKSPACE_DIRS) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const dir = join(base, entry);
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.scripts?.test) suites.push({ name: entry, dir, config: null, kind: 'unit' });
      if (existsSync(join(dir, 'vitest.e2e.config.ts'))) {
        suites.push({ name: `${entry}-e2e`, dir, config: 'vitest.e2e.config.ts', kind: 'e2e' });
      }
    }
  }
  const rank = (s) => {
    const i = ORDER.indexOf(s.name.replace(/-e2e$/, ''));
    return (i === -1 ? ORDER.length : i) * 2 + (s.kind === 'e2e' ? 1 : 0);
  };
  return suites.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
