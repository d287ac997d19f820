#!/usr/bin/env node
/**
 * Issue 4 §6: the respondent page.
 *  1. Gzip sizes of the JavaScript and CSS that /s/:slug loads (from client/dist/.vite/manifest.json:
 *     the HTML entry plus the respondent entry and their static imports), checked against 450 KB of JS,
 *     and a check that no admin chunk or Chart.js is among them.
 *  2. Time until the Coop'Art questionnaire is usable in Debian's Chromium with the network emulated at
 *     1.6 Mbps down / 150 ms round trip (CDP Network.emulateNetworkConditions, cache disabled, 5 cold
 *     runs, median), measured (a) as Trame's server serves the files today and (b) through a gzip proxy,
 *     since the server does not compress static files yet.
 * Writes its section of docs/benchmarks.md ("Respondent page (issue 4)").
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as netServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// BENCH_CLIENT_DIST: a copy of the build, when client/dist may be rebuilt while the bench runs.
const DIST = process.env.BENCH_CLIENT_DIST ?? join(ROOT, 'client/dist');
const FIXTURES = process.env.TRAME_FIXTURES ?? resolve(ROOT, 'test/fixtures/coopart');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
const TARGET_JS_KB = 450;
const TARGET_USABLE_MS = 3000;
const ADMIN = { email: 'bench@trame.test', password: 'banc-d-essai-2026' };

const kb = (n) => Math.round((n / 1024) * 10) / 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ensureBuilt() {
  const main = join(ROOT, 'server/dist/server/src/main.js');
  if (existsSync(join(DIST, '.vite/manifest.json')) && existsSync(main)) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/**
 * Files the respondent page loads: what index.html references (entry chunk, preloads, stylesheets), the
 * respondent entry, and everything it imports, statically or dynamically (the survey screen is a lazy
 * chunk fetched at once). The admin entry, a dynamic import of the HTML entry, is not followed.
 */
function respondentFiles() {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'));
  const byFile = new Map(Object.entries(manifest).map(([k, v]) => [v.file, k]));
  const js = new Set();
  const css = new Set();
  const visit = (key, dynamic) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i, dynamic);
    if (dynamic) for (const i of chunk.dynamicImports ?? []) visit(i, dynamic);
  };
  visit('index.html', false);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  for (const m of html.matchAll(/(?:href|src)="\/(assets\/[^"]+)"/g)) {
    if (m[1].endsWith('.css')) css.add(m[1]);
    else if (byFile.has(m[1])) visit(byFile.get(m[1]), false);
  }
  const entry = Object.keys(manifest).find((k) => k.endsWith('src/app/respondentEntry.tsx'));
  if (!entry) throw new Error('respondent entry not found in the manifest');
  visit(entry, true);
  return { js: [...js], css: [...css] };
}

function sizes(files) {
  let raw = 0;
  let gz = 0;
  let br = 0;
  for (const f of files) {
    const buf = readFileSync(join(DIST, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
    br += brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gz, br };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = netServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'trame-bench-client-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'server/dist/server/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      DATABASE_URL: '',
      TRAME_STATIC_DIR: DIST,
      TRAME_ADMIN_EMAIL: ADMIN.email,
      TRAME_ADMIN_PASSWORD: ADMIN.password,
      TRAME_DEMO: '0',
      TRAME_RATE_LIMIT_PUBLIC: '100000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves client/dist and forwards /api to Trame's server, compressing everything (static files and JSON)
 * with `encoding` (gzip level 6, or brotli quality 11 as for precompressed files): what the server would
 * send with compression enabled.
 */
async function startCompressingProxy(upstream, encoding) {
  const cache = new Map();
  const compress = (buf) =>
    encoding === 'br'
      ? brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(buf, { level: 6 });
  const types = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.html': 'text/html; charset=utf-8',
    '.json': 'application/json',
  };
  const port = await freePort();
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/api/')) {
      const up = new URL(upstream);
      const headers = { ...req.headers };
      delete headers['accept-encoding'];
      const fwd = httpRequest({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers }, (r) => {
        const chunks = [];
        r.on('data', (c) => chunks.push(c));
        r.on('end', () => {
          const body = compress(Buffer.concat(chunks));
          const h = { ...r.headers, 'content-encoding': encoding, 'content-length': String(body.length) };
          delete h['transfer-encoding'];
          res.writeHead(r.statusCode ?? 502, h);
          res.end(body);
        });
      });
      req.pipe(fwd);
      return;
    }
    let file = join(DIST, url.pathname);
    if (!file.startsWith(DIST) || !existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    let body = cache.get(file);
    if (!body) cache.set(file, (body = compress(readFileSync(file))));
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Content-Encoding': encoding,
      'Content-Length': body.length,
    });
    res.end(body);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${port}`, stop: () => server.close() };
}

async function openCoopArtCampaign(base) {
  const { token } = await (
    await fetch(`${base}/api/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
  ).json();
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const bundle = readFileSync(join(FIXTURES, 'bundle.json'), 'utf8');
  const ev = await (await fetch(`${base}/api/evaluations`, { method: 'POST', headers: auth, body: bundle })).json();
  const c = await (
    await fetch(`${base}/api/evaluations/${ev.id}/campaigns`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Banc d’essai', status: 'open' }),
    })
  ).json();
  return c.slug;
}

async function measure(browser, base, slug) {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  const net = new Map();
  let t0 = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!t0) t0 = e.timestamp;
    net.set(e.requestId, { url: e.request.url, start: e.timestamp });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = net.get(e.requestId);
    if (r) Object.assign(r, { end: e.timestamp, bytes: e.encodedDataLength });
  });
  await page.goto(`${base}/s/${slug}`, { waitUntil: 'commit' });
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).waitFor({ timeout: 60_000 });
  const notice = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: /Commencer le questionnaire/ }).click();
  await page.locator('.sd-question input[type=radio]').first().waitFor({ state: 'attached', timeout: 60_000 });
  await page.getByText('Êtes-vous sociétaire', { exact: false }).first().waitFor();
  const usable = await page.evaluate(() => performance.now());
  const resources = [...net.values()].map((r) => ({
    name: r.url,
    size: r.bytes ?? 0,
    start: Math.round((r.start - t0) * 1000),
    end: r.end ? Math.round((r.end - t0) * 1000) : -1,
  }));
  await ctx.close();
  return { notice, usable, resources };
}

/**
 * Issue 9 §7: a cheap phone. CPU slowed 4× (CDP Emulation.setCPUThrottlingRate) on the same link, the
 * browser's cache and service worker left on as on a real phone. One fresh context per run: the first
 * visit (empty cache), then the same person coming back in a new tab (second visit). "Usable" is when
 * the first question of page 1 is on screen and answerable, the privacy notice's "Commencer" (shown on
 * every visit until the questionnaire is started) pressed as soon as it appears. Breakdown from the page
 * itself: when the last script arrived, the main thread's script time (Performance.getMetrics), and the
 * page's own marks (survey code evaluated, SurveyJS model built, questionnaire rendered).
 */
async function measurePhone(browser, base, slug) {
  const ctx = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  const visit = async () => {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Performance.enable');
    // Watched from inside the page, not by polling from here: under a 4× slowed processor each round trip
    // of the automation protocol costs a few hundred milliseconds that a person would not wait.
    await page.addInitScript(() => {
      /* global document, MutationObserver */
      const seen = () => {
        const start = [...document.querySelectorAll('button')].find((b) =>
          /^(Commencer|Reprendre) le questionnaire/.test(b.textContent?.trim() ?? ''),
        );
        if (start && !performance.getEntriesByName('bench:notice').length) {
          performance.mark('bench:notice');
          start.click();
        }
        const radio = document.querySelector('.sd-question input[type=radio]');
        if (radio && /Êtes-vous sociétaire/.test(document.body.textContent ?? '')) {
          performance.mark('bench:usable');
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(seen);
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/s/${slug}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('bench:usable').length > 0, null, {
      timeout: 60_000,
      polling: 200,
    });
    const { notice, usable } = await page.evaluate(() => ({
      notice: performance.getEntriesByName('bench:notice')[0]?.startTime ?? null,
      usable: performance.getEntriesByName('bench:usable')[0].startTime,
    }));
    const metrics = Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
    );
    const inPage = await page.evaluate(() => {
      const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      const scripts = performance.getEntriesByType('resource').filter((e) => /\.js$/.test(e.name));
      return {
        scriptsArrived: Math.max(0, ...scripts.map((e) => e.responseEnd)),
        fromNetwork: scripts.filter((e) => e.transferSize > 0).length,
        scripts: scripts.length,
        surveyCode: mark('trame:survey-code'),
        model: performance.getEntriesByName('trame:model')[0]?.duration ?? null,
        rendered: mark('trame:survey-rendered'),
      };
    });
    // The page's own answers are in localStorage: the next visit resumes the same response.
    await page.close();
    return {
      notice,
      usable,
      script: metrics.ScriptDuration * 1000,
      layout: (metrics.LayoutDuration + metrics.RecalcStyleDuration) * 1000,
      ...inPage,
    };
  };
  const first = await visit();
  // Let the service worker take the files, as it would while the person answers.
  await new Promise((r) => setTimeout(r, 1500));
  const second = await visit();
  await ctx.close();
  return { first, second };
}

function writeSection(md, title = '## Respondent page (issue 4)') {
  const path = join(ROOT, 'docs/benchmarks.md');
  let doc = readFileSync(path, 'utf8');
  if (!doc.includes(title))
    doc = doc.replace('\n## Respondents during a large import', `\n${title}\n\n## Respondents during a large import`);
  const start = doc.indexOf(title);
  if (start < 0) throw new Error('section not found in docs/benchmarks.md');
  const next = doc.indexOf('\n## ', start + 5);
  const out = doc.slice(0, start) + md.trimEnd() + '\n' + (next < 0 ? '' : doc.slice(next));
  writeFileSync(path, out);
}

ensureBuilt();
const files = respondentFiles();
const js = sizes(files.js);
const coreBr = sizes(files.js.filter((f) => /survey-core-/.test(f))).br;
const css = sizes(files.css);
const forbidden = files.js.filter((f) => /AdminApp|adminEntry|i18nInstance|chart/i.test(f));
console.log('respondent JS files:', files.js.join(', '));
console.log(
  `JS: ${kb(js.raw)} KB raw, ${kb(js.gz)} KB gzip, ${kb(js.br)} KB brotli (target ≤ ${TARGET_JS_KB} KB gzip)`,
);
console.log(`CSS: ${kb(css.raw)} KB raw, ${kb(css.gz)} KB gzip, ${kb(css.br)} KB brotli`);
if (forbidden.length) console.log('ADMIN CODE IN THE RESPONDENT ENTRY:', forbidden);

const server = await startServer();
const gzipProxy = await startCompressingProxy(server.base, 'gzip');
const brProxy = await startCompressingProxy(server.base, 'br');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const results = {};
let observed = [];
const phone = [];
try {
  const slug = await openCoopArtCampaign(server.base);
  // Compress every file once before measuring (brotli at quality 11 takes seconds for survey-core).
  for (const p of [gzipProxy, brProxy])
    for (const f of [...files.js, ...files.css, 'index.html']) await (await fetch(`${p.base}/${f}`)).arrayBuffer();
  for (const [mode, base] of [
    ['server', server.base],
    ['gzip', gzipProxy.base],
    ['br', brProxy.base],
  ]) {
    const runs = [];
    await measure(browser, base, slug); // warm-up, not counted (first compressions, server caches)
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, base, slug));
    results[mode] = {
      notice: median(runs.map((r) => r.notice)),
      usable: median(runs.map((r) => r.usable)),
      all: runs.map((r) => Math.round(r.usable)),
    };
    if (mode === 'gzip') observed = runs[0].resources;
    if (process.env.BENCH_DEBUG)
      console.log(
        mode,
        runs[runs.length - 1].resources
          .map((r) => `${r.name.replace(/^.*\//, '')} ${r.size} ${r.start}-${r.end}`)
          .join('\n'),
      );
    console.log(
      `${mode}: privacy notice ${Math.round(results[mode].notice)} ms, first question usable ${Math.round(results[mode].usable)} ms (runs ${results[mode].all.join(', ')})`,
    );
  }
  await measurePhone(browser, server.base, slug); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const r = await measurePhone(browser, server.base, slug);
    phone.push(r);
    console.log(
      `phone run ${i + 1}:`,
      JSON.stringify(r, (k, v) => (typeof v === 'number' ? Math.round(v) : v)),
    );
  }
} finally {
  await browser.close();
  gzipProxy.stop();
  brProxy.stop();
  server.stop();
}
const loadedJs = observed.filter((r) => /\.js$/.test(r.name));
const loadedAdmin = loadedJs.filter((r) => /AdminApp|adminEntry|i18nInstance|chart/i.test(r.name));
const ok = (v, t) => (v <= t ? '✅' : '❌');
const md = `## Respondent page (issue 4)

_Filled by \`test/bench/client.bench.mjs\` on ${new Date().toISOString().slice(0, 10)} (Chromium ${'`/usr/bin/chromium`'}, headless, 360 × 740 phone viewport, cache disabled, network emulated with CDP \`Network.emulateNetworkConditions\` at 1.6 Mbps down / 0.75 Mbps up / 150 ms latency, median of ${RUNS} cold runs)._

| measure | value | target |
|---|---|---|
| JavaScript of the respondent entry, gzip -9 | ${kb(js.gz)} KB (${kb(js.raw)} KB minified, ${kb(js.br)} KB brotli) | ≤ ${TARGET_JS_KB} KB ${ok(kb(js.gz), TARGET_JS_KB)} |
| CSS of the respondent entry, gzip -9 | ${kb(css.gz)} KB (${kb(css.raw)} KB minified) | — |
| admin code or Chart.js in the respondent entry | ${forbidden.length || loadedAdmin.length ? `yes: ${[...forbidden, ...loadedAdmin.map((r) => r.name)].join(', ')}` : 'none (checked in the manifest and in the files the browser fetched)'} | none |
| privacy notice with its "Commencer" button usable, gzip proxy | ${Math.round(results.gzip.notice)} ms (as served ${Math.round(results.server.notice)} ms, brotli proxy ${Math.round(results.br.notice)} ms) | — |
| for comparison: everything gzip-compressed by a proxy in front of the server | ${Math.round(results.gzip.usable)} ms (privacy notice shown at ${Math.round(results.gzip.notice)} ms) | ≤ ${TARGET_USABLE_MS} ms ${ok(results.gzip.usable, TARGET_USABLE_MS)} |
| for comparison: everything brotli-compressed by a proxy in front of the server | ${Math.round(results.br.usable)} ms (privacy notice shown at ${Math.round(results.br.notice)} ms) | ≤ ${TARGET_USABLE_MS} ms ${ok(results.br.usable, TARGET_USABLE_MS)} |
| **usable questionnaire, as Trame's server sends it** (build's brotli copies, JSON compressed on the fly) | ${Math.round(results.server.usable)} ms (privacy notice at ${Math.round(results.server.notice)} ms) | ≤ ${TARGET_USABLE_MS} ms ${ok(results.server.usable, TARGET_USABLE_MS)} |

"Usable" is the time from navigation start until the first question of the Coop'Art questionnaire is on
screen and answerable, the privacy notice's "Commencer" button being pressed as soon as it appears (the
notice itself needs no SurveyJS code: it is readable while the questionnaire's code downloads). The
respondent entry is ${files.js.length} JavaScript files (${files.js.map((f) => f.replace('assets/', '')).join(', ')}); SurveyJS's
\`survey-core\` alone is about 308 KB of it. The page asks for the questionnaire while its code downloads and
SurveyJS's core is announced in the HTML (\`modulepreload\`) so that it downloads from the first round trip.
Trame's server sends the brotli (or gzip) copies that the build writes beside each asset and compresses its
JSON on the fly; uncompressed, the same page took about 12 s on this link. The proxy rows are the same page
behind a reverse proxy compressing everything itself, for comparison.
`;
writeSection(md);
console.log(md);

const ms = (v) => (v === null || v === undefined ? '—' : `${Math.round(v)} ms`);
const med = (visit, key) => median(phone.map((r) => r[visit][key]).filter((v) => v !== null));
const TARGET_PHONE = { first: 2500, second: 1500 };
const phoneRow = (visit, label) =>
  `| ${label} | **${ms(med(visit, 'usable'))}** (runs ${phone.map((r) => Math.round(r[visit].usable)).join(', ')}) | ≤ ${TARGET_PHONE[visit]} ms ${ok(med(visit, 'usable'), TARGET_PHONE[visit])} | ${ms(med(visit, 'notice'))} | ${ms(med(visit, 'scriptsArrived'))} (${med(visit, 'fromNetwork')} of ${med(visit, 'scripts')} from the network) | ${ms(med(visit, 'surveyCode'))} | ${ms(med(visit, 'model'))} | ${ms(med(visit, 'rendered'))} | ${ms(med(visit, 'script'))} | ${ms(med(visit, 'layout'))} |`;
const phoneMd = `## Respondent page on a cheap phone (issue 9)

_Filled by \`test/bench/client.bench.mjs\` on ${new Date().toISOString().slice(0, 10)}: the same page and link as above (1.6 Mbps / 150 ms, 360 × 740) with the processor slowed 4× (CDP \`Emulation.setCPUThrottlingRate\`), cache and service worker on as on a real phone, as Trame's server sends it; median of ${RUNS} runs, each in a fresh browser profile (first visit), then the same profile coming back in a new tab (second visit). 2 cores shared with other work._

| visit | first question answerable | target | notice shown | last script arrived | survey code evaluated | SurveyJS model built in | questionnaire rendered | main-thread script time | style and layout |
|---|---|---|---|---|---|---|---|---|---|
${phoneRow('first', 'first visit (empty cache)')}
${phoneRow('second', 'second visit (cache and service worker)')}

Times are from navigation start, except "model built in" and the two totals (script, style and layout), which are
durations. "Answerable" means the first question's choices are on screen, the notice's "Commencer" pressed as
soon as it appears. Load average of the machine during the runs: ${loadavg()
  .map((l) => l.toFixed(1))
  .join(', ')}.

Where the first visit's time goes: ${kb(js.br + css.br)} KB of brotli-compressed code and style must cross the link
(SurveyJS's core alone ${kb(coreBr)} KB), ${Math.round(((js.br + css.br) / NETWORK.downloadThroughput) * 1000)} ms at
1.6 Mbps before any round trip; with the connection, the page and the questionnaire's JSON the last script arrives
at about ${ms(med('first', 'scriptsArrived'))}. What follows runs on the slowed processor: evaluating SurveyJS's code,
building the model (${ms(med('first', 'model'))}; it is built as soon as SurveyJS's core is there, in its own chunk),
and rendering the first page. The first-visit target cannot be met while SurveyJS and React weigh what they do on
this link; what would: a lighter form renderer, or rendering the first page on the server. The second visit needs no
download (service worker and HTTP cache: the assets are immutable); its time is processor time: evaluating about
1.8 MB of JavaScript, the model and the first render.
`;
writeSection(phoneMd, '## Respondent page on a cheap phone (issue 9)');
console.log(phoneMd);
process.exit(kb(js.gz) <= TARGET_JS_KB && forbidden.length === 0 ? 0 : 1);
