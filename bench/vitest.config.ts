import { defineConfig } from 'vitest/config';

// Unit tests of the pure helpers only; the benchmarks themselves never run under vitest.
export default defineConfig({
  test: {
    include: [
      'src/lib/**/*.test.ts',
      'src/size/**/*.test.ts',
      'src/cpu/**/*.test.ts',
      'src/uplink/**/*.test.ts',
      'src/auto/**/*.test.ts',
    ],
  },
});
