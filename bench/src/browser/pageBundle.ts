import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./page/peer.ts', import.meta.url));
/** The bots' frame code (pure): all the page takes from `@meshwork/bots`, whose index is Node's. */
const FRAME_CODE = fileURLToPath(
  new URL('../../../packages/bots/src/media/frameCode.ts', import.meta.url),
);

const BASELINE_ENTRY = fileURLToPath(new URL('./page/baseline.ts', import.meta.url));

const BASELINE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meshwork bench baseline</title>
<script type="module" src="/baseline.js"></script></head><body></body></html>
`;

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meshwork bench</title>
<script type="module" src="/peer.js"></script></head><body></body></html>
`;

/**
 * Bundles a bench page (`entry`, the first-frame page by default) into a fresh folder
 * (index.html + peer.js) for the signal app to serve as its web root. The bots package is imported
 * for its pure frame code only: the page's import of it resolves to that module alone (the
 * package index also exports Node-only parts), and its Node WebRTC binding is replaced by an
 * empty module. The baseline page (`baseline.html`, a hand-rolled two-page call) is bundled
 * beside it.
 */
export async function buildBenchPage(entry: string = ENTRY): Promise<string> {
  const dir = join(
    tmpdir(),
    `meshwork-bench-page-${process.pid}-${basename(dirname(dirname(entry)))}`,
  );
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: join(dir, 'peer.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'warning',
    plugins: [
      {
        name: 'no-node-webrtc',
        setup(b) {
          b.onResolve({ filter: /^@meshwork\/bots$/ }, () => ({ path: FRAME_CODE }));
          b.onResolve({ filter: /^@roamhq\/wrtc$/ }, () => ({ path: 'wrtc', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: 'export default {};',
            loader: 'js',
          }));
        },
      },
    ],
  });
  writeFileSync(join(dir, 'index.html'), HTML);
  await build({
    entryPoints: [BASELINE_ENTRY],
    outfile: join(dir, 'baseline.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  writeFileSync(join(dir, 'baseline.html'), BASELINE_HTML);
  return dir;
}
