import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { round } from '../lib/stats';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const WEB_DIST = join(REPO_ROOT, 'apps/web/dist');
const SRC_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Gzip level used for every size: the level of `gzip -9` and of most bundle-size tools. */
export const GZIP_LEVEL = 9;

/** Gzipped size of `bytes`, in KB (1024 bytes). */
export function gzKb(bytes: Uint8Array | string): number {
  return round(gzipSync(bytes, { level: GZIP_LEVEL }).length / 1024, 2);
}

/**
 * The scripts a page loads before anything else: its module entry scripts and the modules it
 * preloads. Pure: reads the attributes out of the HTML.
 */
export function initialScripts(html: string): string[] {
  const found = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!/type=["']?module/i.test(tag)) continue;
    const src = /\bsrc=["']([^"']+)["']/i.exec(tag)?.[1];
    if (src) found.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    if (!/rel=["']?modulepreload/i.test(tag)) continue;
    const href = /\bhref=["']([^"']+)["']/i.exec(tag)?.[1];
    if (href) found.add(href);
  }
  return [...found];
}

/** Sizes of the web app's first JS. */
export interface WebSize {
  initialJsKbGz: number;
  initialJsKb: number;
  files: Array<{ file: string; kbGz: number }>;
  /** Every JS file of the build, lazy chunks included. */
  allJsKbGz: number;
}

/** Builds the web app if its dist is missing, then sizes the JS its index.html loads first. */
export function measureWebSize(): WebSize {
  const indexHtml = join(WEB_DIST, 'index.html');
  if (!existsSync(indexHtml)) {
    console.info('  apps/web/dist is missing: building it');
    execFileSync('pnpm', ['--filter', '@meshwork/web', 'build'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      timeout: 300_000,
    });
  }
  const html = readFileSync(indexHtml, 'utf8');
  const files = initialScripts(html).map((src) => {
    const bytes = readFileSync(join(WEB_DIST, src.replace(/^\//, '')));
    return { file: src, kbGz: gzKb(bytes), kb: bytes.length / 1024 };
  });
  const all = readAllJs();
  return {
    initialJsKbGz: round(
      files.reduce((a, f) => a + f.kbGz, 0),
      2,
    ),
    initialJsKb: round(
      files.reduce((a, f) => a + f.kb, 0),
      2,
    ),
    files: files.map(({ file, kbGz }) => ({ file, kbGz })),
    allJsKbGz: round(
      all.reduce((a, b) => a + gzKb(b), 0),
      2,
    ),
  };
}

function readAllJs(): Buffer[] {
  const dir = join(WEB_DIST, 'assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(dir, f)));
}

/** Sizes of a browser bundle of the mesh runtime and the client session. */
export interface LibSize {
  /** `@meshwork/mesh/runtime` + `@meshwork/client` (which brings socket.io-client and zod). */
  meshLibKbGz: number;
  meshLibKb: number;
  /** `@meshwork/mesh/runtime` alone. */
  meshRuntimeKbGz: number;
  /** Only `ClientSession` imported, as an app does (tree-shaken). */
  sessionOnlyKbGz: number;
  /** Bytes by input package (minified share before gzip), largest first. */
  byPackage: Array<{ pkg: string; kb: number }>;
  entry: string;
}

async function bundle(
  contents: string,
): Promise<{ code: Uint8Array; inputs: Record<string, number> }> {
  const out = await build({
    stdin: { contents, resolveDir: SRC_DIR, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  const outputs = Object.values(out.metafile.outputs)[0];
  const inputs: Record<string, number> = {};
  for (const [path, info] of Object.entries(outputs?.inputs ?? {})) {
    inputs[path] = info.bytesInOutput;
  }
  return { code: file.contents, inputs };
}

/** Package an input path belongs to: `packages/mesh`, `zod`, `socket.io-client`, ... */
export function packageOf(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
  }
  const m = /(packages|apps)\/([^/]+)/.exec(path);
  return m ? `${m[1]}/${m[2]}` : path;
}

/** Bundles the mesh runtime with the client session as a browser app would, and sizes it. */
export async function measureMeshLib(): Promise<LibSize> {
  const entry =
    "export * as mesh from '@meshwork/mesh/runtime'; export * as client from '@meshwork/client';";
  const lib = await bundle(entry);
  const runtime = await bundle("export * as mesh from '@meshwork/mesh/runtime';");
  const sessionOnly = await bundle("export { ClientSession } from '@meshwork/client';");
  const byPkg = new Map<string, number>();
  for (const [path, bytes] of Object.entries(lib.inputs)) {
    const pkg = packageOf(path);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + bytes);
  }
  return {
    meshLibKbGz: gzKb(lib.code),
    meshLibKb: round(lib.code.length / 1024, 2),
    meshRuntimeKbGz: gzKb(runtime.code),
    sessionOnlyKbGz: gzKb(sessionOnly.code),
    byPackage: [...byPkg.entries()]
      .map(([pkg, bytes]) => ({ pkg, kb: round(bytes / 1024, 2) }))
      .sort((a, b) => b.kb - a.kb),
    entry,
  };
}
