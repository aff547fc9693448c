import { defineConfig } from 'vitest/config';

// The integration tests open real peer connections: files run one at a time (2-core
// machines), with deadlines that fit a loaded machine.
export default defineConfig({
  test: {
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
