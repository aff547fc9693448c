import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: real signal app, real Chromium, real WebRTC over loopback.
// Run through `pnpm test:e2e` (e2e/run.mjs), which isolates the network namespace.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
