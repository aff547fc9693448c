import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./page/peer.ts', import.meta.url));

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>meshwork bench</title>
<script type="module" src="/peer.js"></script></head><body></body></html>
`;

/**
 * Bundles a bench page (`entry`, the first-frame page by default) into a fresh folder (index.html + peer.js) for the signal app to serve
 * as its web root. The bots package is imported for its pure frame code only; its Node WebRTC
 * binding is replaced by an empty module.
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
  return dir;
}
