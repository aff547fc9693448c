import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: the real signal app serving the built web app, real Chromium.
// They open no peer connection; run them inside a loopback-only namespace all the same.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
