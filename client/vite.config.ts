import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

// The server serves client/dist in production (one port, SPA fallback); in development Vite proxies /api
// to the NestJS server so that cookies stay same-origin.
/**
 * SurveyJS's core (~300 KB gzip) is needed by both halves (the respondent page, and the admin app's bundle
 * validator and preview), but only reached through dynamic imports, so the browser would discover it
 * after the entry script has run. Announce it in the HTML so that it downloads in parallel from the start:
 * on a 1.6 Mbps / 150 ms link that is one round trip and a better use of the bandwidth.
 */
function preloadSurveyCore(): Plugin {
  return {
    name: 'trame-preload-survey-core',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {}).map((c) => c.fileName);
        return [
          ...files
            .filter((f) => /^assets\/survey-core-.*\.js$/.test(f))
            .map((f) => ({
              tag: 'link',
              attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` },
              injectTo: 'head' as const,
            })),
          // A stylesheet, not a preload: Vite's loader then finds it present and does not fetch it again.
          ...files
            .filter((f) => /^assets\/survey-.*\.css$/.test(f))
            .map((f) => ({ tag: 'link', attrs: { rel: 'stylesheet', href: `/${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadSurveyCore()],
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
    // Lets test/bench/client.bench.mjs find exactly what the respondent entry loads.
    manifest: true,
    // No manual chunks: every route is lazy (src/app/router.tsx), so the respondent page never pulls
    // admin code or Chart.js; test/bench/client.bench.mjs checks it.
  },
});
