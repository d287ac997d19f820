#!/usr/bin/env node
// API server benchmark (issue 3), run by `npm run bench` (or `node test/bench/run.mjs server`).
// The server runs as its own process on a fresh SQLite file, as `npm start` runs it.
//  1. public submissions, 50 concurrent clients (target ≥ 500/s, 0 errors), beside the bare single-row
//     commit rate of SQLite on the same disk with the same settings (WAL, synchronous=FULL);
//  2. results over 100,000 stored responses: cold (target ≤ 2 s), then repeated (target ≤ 50 ms);
//  3. the Excel workbook of those 100,000 responses (target ≤ 30 s, ≤ 400 MB peak memory of the server)
//     beside a bare ExcelJS streaming write of the same cells (target ≤ 1.5×).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { coopartAnswers, seeded } from './coopart-generator.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'server', 'package.json'));
const Database = require('better-sqlite3');
const ExcelJS = require('exceljs');

const N = Number(process.env.BENCH_RESPONSES ?? 100_000);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 5000);
const CLIENTS = 50;
const ADMIN = { email: 'bench@example.org', password: 'bench-password-123' };
const dir = mkdtempSync(join(tmpdir(), 'trame-bench-'));
const dbPath = join(dir, 'trame.sqlite');
const bundle = JSON.parse(readFileSync(join(root, 'server/demo/coopart/bundle.json'), 'utf8'));
const fixture = JSON.parse(readFileSync(join(root, 'server/demo/coopart/responses.json'), 'utf8')).responses;

buildIfStale('shared');
buildIfStale('server');

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'server/dist/server/src/main.js')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: dbPath,
      TRAME_DEMO: '0',
      TRAME_ADMIN_EMAIL: ADMIN.email,
      TRAME_ADMIN_PASSWORD: ADMIN.password,
      TRAME_RATE_LIMIT_PUBLIC: '0',
      TRAME_RATE_LIMIT_LOGIN: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = (
    await (
      await fetch(`${url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()
  ).token;
  return { url, child, auth: { Authorization: `Bearer ${token}` } };
}

function stop(server) {
  return new Promise((resolve) => {
    server.child.once('exit', resolve);
    server.child.kill('SIGTERM');
  });
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
function peakMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function api(server, path, init = {}) {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...server.auth, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Deterministic Coop'Art-shaped answers (test/bench/coopart-generator.mjs). */
const generator = () => coopartAnswers(fixture, seeded(7));

const report = [];
const line = (s) => {
  console.log(s);
  report.push(s);
};

// ---------------------------------------------------------------------------------------------------
let server = await startServer();
const evaluation = await api(server, '/api/evaluations', { method: 'POST', body: JSON.stringify(bundle) });
const live = await api(server, `/api/evaluations/${evaluation.id}/campaigns`, {
  method: 'POST',
  body: JSON.stringify({ title: 'Bench submissions' }),
});
const big = await api(server, `/api/evaluations/${evaluation.id}/campaigns`, {
  method: 'POST',
  body: JSON.stringify({ title: 'Bench 100k' }),
});

// 1. Submissions.
{
  const next = generator();
  const bodies = Array.from({ length: SUBMISSIONS }, () => JSON.stringify({ status: 'complete', data: next() }));
  let i = 0;
  let errors = 0;
  const t0 = now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (i < bodies.length) {
        const body = bodies[i++];
        try {
          const r = await fetch(`${server.url}/api/public/campaigns/${live.slug}/responses/${randomUUID()}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body,
          });
          if (r.status !== 201) errors++;
          await r.arrayBuffer();
        } catch {
          errors++;
        }
      }
    }),
  );
  const secs = ms(t0) / 1000;
  const stored = (await api(server, `/api/campaigns/${live.id}`)).responses.complete;
  line(
    `submissions: ${SUBMISSIONS} PUT /api/public/…/responses/:uuid, ${CLIENTS} concurrent clients: ${fmt(SUBMISSIONS / secs)}/s, ${errors} errors, ${stored} stored (target ≥ 500/s, 0 errors)`,
  );
}
// Bare single-row commits on the same disk and settings.
{
  const db = new Database(join(dir, 'bare.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
  const ins = db.prepare('INSERT INTO t (data) VALUES (?)');
  const data = JSON.stringify(fixture[0].data);
  const n = 2000;
  const t0 = now();
  for (let k = 0; k < n; k++) db.transaction(() => ins.run(data))();
  line(
    `bare SQLite single-row commits (better-sqlite3, WAL, synchronous=FULL, one INSERT per transaction): ${fmt(n / (ms(t0) / 1000))}/s`,
  );
  db.close();
}

// 2. 100,000 stored responses, seeded straight into the database while the server is stopped.
await stop(server);
{
  const db = new Database(dbPath);
  const next = generator();
  const ins = db.prepare(
    `INSERT INTO response (campaign_id, uuid, status, data, invitation_id, source, created_at, updated_at, submitted_at) VALUES (?, ?, 'complete', ?, NULL, 'import', ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let k = 0; k < N; k++) ins.run(big.id, randomUUID(), JSON.stringify(next()), at, at, at);
    db.prepare('UPDATE campaign SET revision = revision + 1 WHERE id = ?').run(big.id);
  })();
  db.close();
}
server = await startServer();
{
  // Give the server a moment after start (it warms a worker thread for results on SQLite).
  await new Promise((r) => setTimeout(r, 3000));
  let t0 = now();
  const cold = await api(server, `/api/campaigns/${big.id}/results`);
  const coldMs = ms(t0);
  const warm = [];
  for (let k = 0; k < 20; k++) {
    t0 = now();
    await api(server, `/api/campaigns/${big.id}/results`);
    warm.push(ms(t0));
  }
  warm.sort((a, b) => a - b);
  // The usual cold case during a campaign: one more response, then the dashboard asks again.
  const one = await fetch(`${server.url}/api/public/campaigns/${big.slug}/responses/${randomUUID()}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'complete', data: fixture[0].data }),
  });
  if (one.status !== 201) throw new Error(`submission: ${one.status}`);
  t0 = now();
  const after = await api(server, `/api/campaigns/${big.id}/results`);
  const afterMs = ms(t0);
  line(
    `results over ${fmt(cold.respondents.total)} responses: first GET after start ${fmt(coldMs)} ms, after one more response ${fmt(afterMs)} ms (${fmt(after.respondents.total)} responses) (target ≤ 2000); then median ${fmt(warm[10], 1)} ms, max ${fmt(warm[19], 1)} ms over 20 GETs (target ≤ 50); server peak RSS ${fmt(peakMb(server.child.pid))} MB`,
  );
}

// 3. Workbook, on a freshly started server (results cold, computed inside the export).
await stop(server);
server = await startServer();
const xlsx = join(dir, 'export.xlsx');
let exportMs;
{
  const t0 = now();
  const res = await fetch(`${server.url}/api/campaigns/${big.id}/export.xlsx`, { headers: server.auth });
  if (!res.ok) throw new Error(`export: ${res.status}`);
  await pipeline(Readable.fromWeb(res.body), createWriteStream(xlsx));
  const coldMs = ms(t0);
  line(
    `workbook of ${fmt(N)} responses (GET /api/campaigns/:id/export.xlsx on a fresh server, results computed inside): ${fmt(coldMs / 1000, 1)} s, ${fmt(statSync(xlsx).size / 1e6, 1)} MB, server peak RSS ${fmt(peakMb(server.child.pid))} MB (targets ≤ 30 s, ≤ 400 MB)`,
  );
}
await stop(server);
// The usual case: the dashboard has computed the results, then the workbook is exported.
server = await startServer();
{
  await api(server, `/api/campaigns/${big.id}/results`);
  const before = peakMb(server.child.pid);
  const t0 = now();
  const res = await fetch(`${server.url}/api/campaigns/${big.id}/export.xlsx`, { headers: server.auth });
  await pipeline(Readable.fromWeb(res.body), createWriteStream(xlsx));
  exportMs = ms(t0);
  line(
    `workbook of ${fmt(N)} responses, results already computed (dashboard first): ${fmt(exportMs / 1000, 1)} s, server peak RSS ${fmt(peakMb(server.child.pid))} MB (${fmt(before)} MB after the results, before the export)`,
  );
}
await stop(server);

// Bare ExcelJS: the same Réponses cells, precomputed, written by the same streaming writer (same options).
{
  const { answerColumns } = await import(
    pathToFileURL(join(root, 'server/dist/server/src/modules/exports/columns.js')).href
  );
  const { cell } = await import(pathToFileURL(join(root, 'server/dist/server/src/modules/exports/neutralise.js')).href);
  const { buildCatalog } = await import(pathToFileURL(join(root, 'shared/dist/index.js')).href);
  const columns = answerColumns(buildCatalog(bundle.questionnaire));
  const db = new Database(dbPath, { readonly: true });
  const rows = [];
  let n = 0;
  for (const r of db
    .prepare(`SELECT uuid, submitted_at, data FROM response WHERE campaign_id = ? AND status = 'complete' ORDER BY id`)
    .iterate(big.id)) {
    const data = JSON.parse(r.data);
    rows.push([++n, r.uuid, r.submitted_at, ...columns.map((c) => cell(c.display(data)))]);
  }
  db.close();
  const t0 = now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(join(dir, 'bare.xlsx')),
    useStyles: false,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Réponses');
  ws.addRow(['N°', 'Identifiant', 'Envoyée le', ...columns.map((c) => c.label)]).commit();
  ws.addRow([null, 'id', 'submittedAt', ...columns.map((c) => c.code)]).commit();
  for (const row of rows) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
  const bareMs = ms(t0);
  line(
    `bare ExcelJS streaming write of the same ${fmt(rows.length)} response rows (cells precomputed in memory): ${fmt(bareMs / 1000, 1)} s → export/bare = ${fmt(exportMs / bareMs, 2)}× (target ≤ 1.5×)`,
  );
}

rmSync(dir, { recursive: true, force: true });
console.log(`\n${report.length} measures. Node ${process.version}, ${(await import('node:os')).cpus().length} cores.`);
