#!/usr/bin/env node
// API server benchmark (issue 3), run by `npm run bench` (or `node test/bench/run.mjs server`).
// The server runs as its own process on a fresh SQLite file, as `npm start` runs it.
//  1. public submissions, 50 concurrent clients (target ≥ 500/s, 0 errors; issue 7: ≥ 1,000/s with a p99
//     ≤ 100 ms on PostgreSQL), beside the bare single-row commit rate of the database with the same
//     settings (SQLite: WAL, synchronous=FULL);
//  2. results over 100,000 stored responses: cold (target ≤ 2 s), then repeated (target ≤ 50 ms);
//  3. the Excel workbook of those 100,000 responses (target ≤ 30 s, ≤ 400 MB peak memory of the server)
//     beside a bare ExcelJS streaming write of the same cells (target ≤ 1.5×).
// PostgreSQL: with TRAME_BENCH_DATABASE_URL (or else TRAME_TEST_DATABASE_URL, as the e2e tests) set, parts 1
// and 2 also run on a fresh database created beside the one the URL names (dropped afterwards).
// BENCH_PARTS=submissions,results,workbook (default: all) runs only the parts named. Each submissions run is
// preceded by BENCH_WARMUP (500) saves not counted; BENCH_CLIENT=fetch sends them with fetch instead of node:http.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { coopartAnswers, seeded } from './coopart-generator.mjs';
import { freshPgDatabase, pg, root, startServer as startBenchServer, stopServer } from './support.mjs';

const require = createRequire(join(root, 'server', 'package.json'));
const Database = require('better-sqlite3');
const ExcelJS = require('exceljs');

const N = Number(process.env.BENCH_RESPONSES ?? 100_000);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 5000);
const CLIENTS = 50;
/** Saves sent (to a campaign of their own) before each measured run: a running server has warm code and a full pool. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 500);
const PG_BASE = process.env.TRAME_BENCH_DATABASE_URL || process.env.TRAME_TEST_DATABASE_URL || '';
const PARTS = new Set((process.env.BENCH_PARTS ?? 'submissions,results,workbook').split(',').map((p) => p.trim()));
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

const startServer = (database = { DATABASE_PATH: dbPath }) => startBenchServer(database, ADMIN);
const stop = stopServer;

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

/**
 * SUBMISSIONS complete responses to `slug` from CLIENTS concurrent clients, each waiting for its answer
 * before sending the next: rate, errors and the latency of each PUT (as a respondent's browser sees it).
 */
async function submissions(server, slug, count = SUBMISSIONS) {
  const next = generator();
  const bodies = Array.from({ length: count }, () => JSON.stringify({ status: 'complete', data: next() }));
  const latencies = [];
  let i = 0;
  let errors = 0;
  const cpu0 = process.cpuUsage();
  const server0 = cpuMs(server.child.pid);
  const t0 = now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (i < bodies.length) {
        const body = bodies[i++];
        const t1 = now();
        try {
          if ((await put(server, `/api/public/campaigns/${slug}/responses/${randomUUID()}`, body)) !== 201) errors++;
        } catch {
          errors++;
        }
        latencies.push(ms(t1));
      }
    }),
  );
  const secs = ms(t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    rate: count / secs,
    errors,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1],
    serverCpu: (cpuMs(server.child.pid) - server0) / count,
    clientCpu: (cpu.user + cpu.system) / 1000 / count,
  };
}

/**
 * One PUT, by the bench's client: node:http over keep-alive connections by default, or fetch (undici) with
 * BENCH_CLIENT=fetch. Both clients share the machine's two cores with the server and the database; fetch
 * costs about 1 ms of CPU per request, three times node:http (measured: figures in docs/benchmarks.md).
 */
const CLIENT = process.env.BENCH_CLIENT === 'fetch' ? 'fetch' : 'node:http';
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
async function put(server, path, body) {
  if (CLIENT === 'fetch') {
    const r = await fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await r.arrayBuffer();
    return r.status;
  }
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        path,
        method: 'PUT',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU time used so far by a process (user + system), in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

const submissionLine = (db, r, stored) =>
  `submissions on ${db}: ${SUBMISSIONS} PUT /api/public/…/responses/:uuid, ${CLIENTS} concurrent clients (${CLIENT}, after ${WARMUP} not counted): ${fmt(r.rate)}/s, latency median ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms, max ${fmt(r.max)} ms, ${r.errors} errors, ${stored} stored; CPU per save: server ${fmt(r.serverCpu, 2)} ms, bench client ${fmt(r.clientCpu, 2)} ms (targets ≥ 500/s and 0 errors; on PostgreSQL ≥ 1,000/s with p99 ≤ 100 ms)`;

/** Results GETs on a campaign of many responses: cold, 20 repeated, then after one more response. */
async function resultsTimings(server, campaign) {
  let t0 = now();
  const cold = await api(server, `/api/campaigns/${campaign.id}/results`);
  const coldMs = ms(t0);
  const warm = [];
  for (let k = 0; k < 20; k++) {
    t0 = now();
    await api(server, `/api/campaigns/${campaign.id}/results`);
    warm.push(ms(t0));
  }
  warm.sort((a, b) => a - b);
  const { after, afterMs } = await oneMore(server, campaign, cold);
  return { cold, coldMs, warm, after, afterMs };
}

/** The usual case during a campaign: one more response, then the dashboard asks again (five times). */
async function oneMore(server, campaign, before) {
  const afterMs = [];
  let after = before;
  for (let k = 0; k < 5; k++) {
    const one = await fetch(`${server.url}/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'complete', data: fixture[k % fixture.length].data }),
    });
    if (one.status !== 201) throw new Error(`submission: ${one.status}`);
    const t0 = now();
    const next = await api(server, `/api/campaigns/${campaign.id}/results`);
    afterMs.push(ms(t0));
    if (next.respondents.total !== after.respondents.total + 1)
      throw new Error(`stale results: ${next.respondents.total} after ${after.respondents.total} + 1`);
    after = next;
  }
  afterMs.sort((a, b) => a - b);
  return { after, afterMs };
}

const resultsLine = (db, r, rss) =>
  `results on ${db} over ${fmt(r.cold.respondents.total)} responses: first GET after start ${fmt(r.coldMs)} ms, (target ≤ 2000); after one more response, five times: median ${fmt(r.afterMs[2])} ms, max ${fmt(r.afterMs[4])} ms (target ≤ 300); then median ${fmt(r.warm[10], 1)} ms, max ${fmt(r.warm[19], 1)} ms over 20 GETs while nothing changed (target ≤ 50); server peak RSS ${fmt(rss)} MB`;

// 1. Submissions.
if (PARTS.has('submissions')) {
  const warmup = await api(server, `/api/evaluations/${evaluation.id}/campaigns`, {
    method: 'POST',
    body: JSON.stringify({ title: 'Bench warm-up' }),
  });
  if (WARMUP) await submissions(server, warmup.slug, WARMUP);
  const r = await submissions(server, live.slug);
  const stored = (await api(server, `/api/campaigns/${live.id}`)).responses.complete;
  line(submissionLine('SQLite', r, stored));
}
// Bare single-row commits on the same disk and settings.
if (PARTS.has('submissions')) {
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
if (PARTS.has('results') || PARTS.has('workbook')) {
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
if (PARTS.has('results')) {
  server = await startServer();
  // Give the server a moment after start (it warms a worker thread for results on SQLite).
  await new Promise((r) => setTimeout(r, 3000));
  const r = await resultsTimings(server, big);
  line(resultsLine('SQLite', r, peakMb(server.child.pid)));
  await stop(server);
}

// 1 and 2 on PostgreSQL, in a fresh database.
if (PG_BASE && (PARTS.has('submissions') || PARTS.has('results'))) {
  const { database, url, settings, drop } = await freshPgDatabase(PG_BASE);
  line(
    `PostgreSQL ${settings.server_version}: synchronous_commit=${settings.synchronous_commit}, fsync=${settings.fsync}, max_connections=${settings.max_connections}`,
  );
  try {
    server = await startServer(database);
    const evaluationPg = await api(server, '/api/evaluations', { method: 'POST', body: JSON.stringify(bundle) });
    const newCampaign = (title) =>
      api(server, `/api/evaluations/${evaluationPg.id}/campaigns`, { method: 'POST', body: JSON.stringify({ title }) });
    const livePg = await newCampaign('Bench submissions');
    const bigPg = await newCampaign('Bench 100k');
    if (PARTS.has('submissions')) {
      if (WARMUP) await submissions(server, (await newCampaign('Bench warm-up')).slug, WARMUP);
      const r = await submissions(server, livePg.slug);
      const stored = (await api(server, `/api/campaigns/${livePg.id}`)).responses.complete;
      line(submissionLine('PostgreSQL', r, stored));
    }
    await stop(server);
    if (PARTS.has('submissions')) {
      // Bare commits: one INSERT per transaction, 50 clients over a pool of 20 connections (the server's).
      const pool = new pg.Pool({ connectionString: url, max: 20 });
      pool.on('error', () => undefined); // an idle connection closed when the database is dropped
      await pool.query('CREATE TABLE bare (id SERIAL PRIMARY KEY, data TEXT NOT NULL)');
      const data = JSON.stringify(fixture[0].data);
      const n = 5000;
      let k = 0;
      const t0 = now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (k++ < n) {
            const c = await pool.connect();
            try {
              await c.query('BEGIN');
              await c.query('INSERT INTO bare (data) VALUES ($1)', [data]);
              await c.query('COMMIT');
            } finally {
              c.release();
            }
          }
        }),
      );
      line(
        `bare PostgreSQL single-row commits (node-postgres, ${CLIENTS} clients over 20 connections, BEGIN/INSERT/COMMIT): ${fmt(n / (ms(t0) / 1000))}/s`,
      );
      await pool.end();
    }
    if (PARTS.has('results')) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const next = generator();
      const at = new Date().toISOString();
      await client.query('BEGIN');
      for (let k = 0; k < N; k += 1000) {
        const uuids = [];
        const datas = [];
        for (let j = k; j < Math.min(N, k + 1000); j++) {
          uuids.push(randomUUID());
          datas.push(JSON.stringify(next()));
        }
        await client.query(
          `INSERT INTO response (campaign_id, uuid, status, data, invitation_id, source, created_at, updated_at, submitted_at)
           SELECT $1, u, 'complete', d, NULL, 'import', $2, $2, $2 FROM unnest($3::text[], $4::text[]) AS t(u, d)`,
          [bigPg.id, at, uuids, datas],
        );
      }
      await client.query('UPDATE campaign SET revision = revision + 1 WHERE id = $1', [bigPg.id]);
      await client.query('COMMIT');
      await client.query('ANALYZE response');
      await client.end();
      server = await startServer(database);
      const r = await resultsTimings(server, bigPg);
      line(resultsLine('PostgreSQL (right after the bulk insert)', r, peakMb(server.child.pid)));
      // The cache key counts the campaign's complete responses; PostgreSQL answers that from the index alone
      // once (auto)vacuum has marked the pages all-visible, which autovacuum does after a large insert.
      const vacuum = new pg.Client({ connectionString: url });
      await vacuum.connect();
      await vacuum.query('VACUUM ANALYZE response');
      await vacuum.end();
      const warm = [];
      for (let k = 0; k < 20; k++) {
        const t0 = now();
        await api(server, `/api/campaigns/${bigPg.id}/results`);
        warm.push(ms(t0));
      }
      warm.sort((a, b) => a - b);
      const { afterMs } = await oneMore(server, bigPg, r.after);
      line(
        `results on PostgreSQL after VACUUM: nothing changed, median ${fmt(warm[10], 1)} ms, max ${fmt(warm[19], 1)} ms over 20 GETs (target ≤ 50); after one more response, five times: median ${fmt(afterMs[2])} ms, max ${fmt(afterMs[4])} ms (target ≤ 300)`,
      );
      await stop(server);
    }
  } finally {
    await drop();
  }
}

// 3. Workbook, on a freshly started server (results cold, computed inside the export).
if (PARTS.has('workbook')) {
  const xlsx = join(dir, 'export.xlsx');
  server = await startServer();
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
  let exportMs;
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

agent.destroy();
rmSync(dir, { recursive: true, force: true });
console.log(`\n${report.length} measures. Node ${process.version}, ${(await import('node:os')).cpus().length} cores.`);
