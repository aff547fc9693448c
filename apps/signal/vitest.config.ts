import { defineConfig } from 'vitest/config';

// Unit and integration tests; the browser end-to-end tests in e2e/ have their own config.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
  },
});
