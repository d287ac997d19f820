import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

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

/**
 * Writes `file.br` and `file.gz` beside every JS, CSS, HTML and SVG file of the build, so that the server
 * can send precompressed files (brotli quality 11 costs seconds: not something to do per request). On the
 * respondent's 1.6 Mbps link this is the difference between ~12 s and ~3 s (docs/benchmarks.md).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'trame-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
        );
      for (const file of walk(fileURLToPath(new URL(outDir + '/', new URL('./', import.meta.url))))) {
        if (!/\.(js|css|html|svg|json)$/.test(file) || file.includes('/.vite/')) continue;
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * Lists the respondent page's files (the HTML's entry and preloads, the respondent entry and everything it
 * imports, statically or dynamically, with their CSS) into the built service worker's PRECACHE, so that
 * it caches them while it installs (see public/sw.js). Read from the build's manifest; the admin entry is
 * not followed.
 */
function precacheList(): Plugin {
  let outDir = 'dist';
  return {
    name: 'trame-precache-list',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle: {
      order: 'post',
      handler() {
        const dist = fileURLToPath(new URL(outDir + '/', new URL('./', import.meta.url)));
        type Chunk = { file: string; css?: string[]; imports?: string[]; dynamicImports?: string[] };
        const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
        const files = new Set<string>();
        const visit = (key: string, dynamic: boolean) => {
          const chunk = manifest[key];
          if (!chunk || files.has(chunk.file)) return;
          files.add(chunk.file);
          for (const c of chunk.css ?? []) files.add(c);
          for (const i of chunk.imports ?? []) visit(i, dynamic);
          if (dynamic) for (const i of chunk.dynamicImports ?? []) visit(i, dynamic);
        };
        visit('index.html', false);
        const entry = Object.keys(manifest).find((k) => k.endsWith('src/app/respondentEntry.tsx'));
        if (!entry) throw new Error('precacheList: the respondent entry is not in the manifest');
        visit(entry, true);
        const sw = join(dist, 'sw.js');
        const text = readFileSync(sw, 'utf8');
        const list = JSON.stringify([...files].sort().map((f) => `/${f}`));
        if (!text.includes('const PRECACHE = [];')) throw new Error('precacheList: PRECACHE not found in sw.js');
        writeFileSync(sw, text.replace('const PRECACHE = [];', `const PRECACHE = ${list};`));
      },
    },
  };
}

export default defineConfig(({ command }) => {
  // A build is always a production build, even when started from Jest (NODE_ENV=test) or a shell that set
  // NODE_ENV otherwise: React's development build is three times larger and slower.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});

const config = {
  plugins: [react(), preloadSurveyCore(), precacheList(), precompress()],
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
} satisfies UserConfig;
