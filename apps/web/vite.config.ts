import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';

/** The signal app the dev server proxies Socket.IO to. */
const SIGNAL_URL = process.env.MESHWORK_SIGNAL_URL ?? 'http://localhost:8080';

/**
 * Builds `dist/embed.js` (the host pages' script, `window.Meshwork`) as its own classic script
 * once the app is written, so the app's bundle stays as it was.
 */
function embedScript(): Plugin {
  return {
    name: 'meshwork-embed-script',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          outDir: fileURLToPath(new URL('dist', import.meta.url)),
          emptyOutDir: false,
          target: 'es2022',
          sourcemap: true,
          lib: {
            entry: fileURLToPath(new URL('src/embed/host/index.ts', import.meta.url)),
            formats: ['iife'],
            name: 'MeshworkEmbed',
            fileName: () => 'embed.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), embedScript()],
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
