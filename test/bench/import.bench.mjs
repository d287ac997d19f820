#!/usr/bin/env node
// Respondents during admin work (issue 7, part 4), run by `npm run bench` (or `node test/bench/run.mjs import`).
// The server runs as its own process on a fresh SQLite file. 10 respondents save complete answers without
// pause while the working group imports a CSV of BENCH_IMPORT_ROWS (default 1,000,000) rows, then downloads
// the workbook and the CSV of those responses. Target: a public save answers in ≤ 200 ms (p99) during the
// import and the exports. Prints the latency of saves before, during each, and the time each took.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { freshPgDatabase, quantile, startServer, stopServer } from './support.mjs';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const CLIENTS = 10;
const ADMIN = { email: 'bench@example.org', password: 'trame-bench-import-9f3k2' };
const dir = mkdtempSync(join(tmpdir(), 'trame-bench-import-'));
/** With TRAME_BENCH_DATABASE_URL, the same on a fresh PostgreSQL database beside the one it names. */
const PG_BASE = process.env.TRAME_BENCH_DATABASE_URL ?? '';

buildIfStale('shared');
buildIfStale('server');

/** A small questionnaire, so that a million rows fit under the 50 MB upload limit. */
const bundle = {
  format: 'trame-bundle/1',
  title: 'Banc d’essai import',
  locale: 'fr',
  questionnaire: {
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'radiogroup', name: 'statut', choices: ['a', 'n'] },
          { type: 'rating', name: 'note', rateMin: 1, rateMax: 5 },
          { type: 'text', name: 'heures', inputType: 'number' },
        ],
      },
    ],
  },
  segments: [
    {
      code: 'statut',
      label: 'Statut',
      question: 'statut',
      groups: [
        { code: 'a', label: 'associé·es', values: ['a'] },
        { code: 'n', label: 'non-associé·es', values: ['n'] },
      ],
    },
  ],
  framework: {
    title: 'Référentiel',
    dimensions: [
      {
        code: 'D1',
        title: 'Dimension',
        criteria: [
          {
            code: 'C1',
            title: 'Critère',
            indicators: [
              {
                code: 'I1',
                title: 'Satisfaits',
                kind: 'percent',
                question: 'note',
                positive: [4, 5],
                breakdown: ['statut'],
              },
              { code: 'I2', title: 'Heures', kind: 'sum', question: 'heures', unit: 'h' },
            ],
          },
        ],
      },
    ],
  },
  internalData: [],
};

function csv(rows) {
  const lines = ['statut;note;heures'];
  for (let i = 0; i < rows; i++) lines.push(`${i % 3 ? 'a' : 'n'};${1 + (i % 5)};${i % 40}`);
  return lines.join('\n') + '\n';
}

const fmt = (x) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

const pgDb = PG_BASE ? await freshPgDatabase(PG_BASE) : null;
const server = await startServer(pgDb ? pgDb.database : { DATABASE_PATH: join(dir, 'trame.sqlite') }, ADMIN);
const { url, auth } = server;
try {
  const json = (path, init = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } }).then(
      async (r) => ({ status: r.status, body: await r.json().catch(() => null) }),
    );
  const evaluation = (await json('/api/evaluations', { method: 'POST', headers: auth, body: JSON.stringify(bundle) }))
    .body;
  if (!evaluation?.id) throw new Error(`evaluation refused: ${JSON.stringify(evaluation)}`);
  const campaign = (
    await json(`/api/evaluations/${evaluation.id}/campaigns`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: 'Banc' }),
    })
  ).body;

  // Respondents: saves without pause, each latency tagged with the phase it started in.
  let phase = 'before';
  let stop = false;
  const samples = [];
  const errors = [];
  const respondent = async () => {
    while (!stop) {
      const t0 = performance.now();
      const started = phase;
      const r = await fetch(`${url}/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'complete', data: { statut: 'a', note: 4, heures: 2 } }),
      });
      await r.arrayBuffer();
      samples.push({ phase: started, ms: performance.now() - t0 });
      if (r.status !== 201) errors.push(r.status);
    }
  };
  const running = Array.from({ length: CLIENTS }, respondent);
  await new Promise((r) => setTimeout(r, 3000));

  const file = csv(ROWS);
  console.log(
    `import of ${fmt(ROWS)} rows (${(file.length / 1e6).toFixed(1)} MB CSV) on ${pgDb ? `PostgreSQL ${pgDb.settings.server_version} (fsync=${pgDb.settings.fsync})` : 'SQLite'}, ${CLIENTS} respondents saving meanwhile`,
  );
  phase = 'import';
  let t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([file]), 'reponses.csv');
  const imported = await fetch(`${url}/api/campaigns/${campaign.id}/responses/import`, {
    method: 'POST',
    headers: auth,
    body: form,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const importMs = performance.now() - t0;
  if (imported.status !== 201) throw new Error(`import refused: ${JSON.stringify(imported).slice(0, 500)}`);

  const timed = async (name, path) => {
    phase = name;
    const t = performance.now();
    const r = await fetch(`${url}${path}`, { headers: auth });
    const bytes = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) throw new Error(`${name}: ${r.status}`);
    return { ms: performance.now() - t, bytes };
  };
  const workbook = await timed('workbook', `/api/campaigns/${campaign.id}/export.xlsx`);
  const csvExport = await timed('csv', `/api/campaigns/${campaign.id}/responses.csv`);
  phase = 'after';
  await new Promise((r) => setTimeout(r, 1000));
  stop = true;
  await Promise.all(running);

  console.log(
    `  import: ${fmt(importMs)} ms; workbook: ${fmt(workbook.ms)} ms (${fmt(workbook.bytes / 1e6)} MB); CSV: ${fmt(csvExport.ms)} ms`,
  );
  console.log('  public saves (ms)   count    p50    p99    max');
  for (const p of ['before', 'import', 'workbook', 'csv', 'after']) {
    const xs = samples.filter((s) => s.phase === p).map((s) => s.ms);
    console.log(
      `  ${p.padEnd(18)}${String(xs.length).padStart(6)}${fmt(quantile(xs, 0.5)).padStart(7)}${fmt(quantile(xs, 0.99)).padStart(7)}${fmt(Math.max(...xs)).padStart(7)}`,
    );
  }
  console.log(`  errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].join(', ')})` : ''}`);

  // Results once the import is published: the first GET computes them, later ones read the cache after
  // checking its key (the campaign's count of visible complete responses; see docs/benchmarks.md).
  const results = async () => {
    const t = performance.now();
    const r = await fetch(`${url}/api/campaigns/${campaign.id}/results`, { headers: auth });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`results: ${r.status}`);
    return performance.now() - t;
  };
  const first = await results();
  const again = [];
  for (let k = 0; k < 20; k++) again.push(await results());
  console.log(
    `  results after the import: first ${fmt(first)} ms, then median ${quantile(again, 0.5).toFixed(1)} ms, max ${Math.max(...again).toFixed(1)} ms over 20 GETs (target ≤ 50)`,
  );
} finally {
  await stopServer(server);
  await pgDb?.drop();
  rmSync(dir, { recursive: true, force: true });
}
