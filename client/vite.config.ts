import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The server serves client/dist in production (one port, SPA fallback); in development Vite proxies /api
// to the NestJS server so that cookies stay same-origin.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // Build from the shared sources so that the client never depends on a stale shared/dist.
    alias: { '@trame/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No manual chunks: every route is lazy (src/app/router.tsx), so the respondent page never pulls
    // admin code or Chart.js; test/bench/client.bench.mjs checks it.
  },
});
