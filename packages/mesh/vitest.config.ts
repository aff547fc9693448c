import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Property tests check hundreds of rooms of up to 16 peers; on a 2-core CI machine shared with
    // real-WebRTC suites they need more than the 5 s default. A hang still fails.
    testTimeout: 30_000,
  },
});
