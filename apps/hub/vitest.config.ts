import { defineConfig } from 'vitest/config';

// Integration tests open real peer connections and encode video: run files one at a time
// (2-core machines), with deadlines that fit a loaded machine.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
