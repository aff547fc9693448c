import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and component tests in jsdom. Browser end-to-end tests live in e2e/ with their own config.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    exclude: ['e2e/**', 'dist/**', 'node_modules/**'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
