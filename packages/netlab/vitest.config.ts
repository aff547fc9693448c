import { defineConfig } from 'vitest/config';

// The integration tests make namespaces and veths: one file at a time, bounded.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
