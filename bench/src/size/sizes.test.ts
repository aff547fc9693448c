import { describe, expect, it } from 'vitest';
import { initialScripts, packageOf } from './sizes';

describe('initialScripts', () => {
  it('takes module entry scripts and modulepreloads, not stylesheets or classic scripts', () => {
    const html = `<head>
      <script type="module" crossorigin src="/assets/index-a.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-b.js">
      <link rel="stylesheet" href="/assets/index.css">
      <script src="/legacy.js"></script>
      <link rel="modulepreload" href="/assets/vendor-b.js">
    </head>`;
    expect(initialScripts(html)).toEqual(['/assets/index-a.js', '/assets/vendor-b.js']);
  });
});

describe('packageOf', () => {
  it.each([
    ['../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/core/core.js', 'zod'],
    [
      '../node_modules/.pnpm/x/node_modules/@socket.io/component-emitter/lib/esm/index.js',
      '@socket.io/component-emitter',
    ],
    ['../packages/mesh/src/runtime/PeerLink.ts', 'packages/mesh'],
    ['<stdin>', '<stdin>'],
  ])('%s -> %s', (path, pkg) => {
    expect(packageOf(path)).toBe(pkg);
  });
});
