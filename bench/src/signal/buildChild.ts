import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./serverChild.ts', import.meta.url));

/**
 * Third-party packages stay external, imported by absolute path so the bundle runs from any
 * folder; workspace packages are inlined, as apps/signal/build.mjs does for production.
 */
const externalByPath: Plugin = {
  name: 'external-by-path',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@meshwork/') || args.path.startsWith('node:')) return undefined;
      if (args.pluginData === 'inner') return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'inner',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

let built: Promise<string> | null = null;

/**
 * Bundles the server child like the production build (esbuild, ESM, node20, no tsx loader and
 * none of its per-function helpers), so CPU and heap numbers are the production code's.
 */
export function buildServerChild(): Promise<string> {
  built ??= (async () => {
    const dir = join(tmpdir(), `meshwork-bench-server-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const outfile = join(dir, 'serverChild.mjs');
    await build({
      entryPoints: [ENTRY],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
      plugins: [externalByPath],
    });
    return outfile;
  })();
  return built;
}
