import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The signal app the dev server proxies Socket.IO to. */
const SIGNAL_URL = process.env.MESHWORK_SIGNAL_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/socket.io': { target: SIGNAL_URL, ws: true, changeOrigin: true },
    },
  },
});
