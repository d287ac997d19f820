#!/usr/bin/env node
// Engine and CLI benchmark (issue 2): 100,000 Coop'Art-shaped responses, the fixture's 56 indicators with
// their breakdowns. Reports parse+validate time, evaluate time, peak memory against the parsed data, and the
// whole CLI run against a bare read + JSON.parse of the same file. Each measure runs in its own process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coopartAnswers, seeded } from './coopart-generator.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = join(root, 'test/fixtures/coopart');
const out = join(root, 'bench-out');
const N = Number(process.env.BENCH_RESPONSES ?? 100_000);
const file = join(out, `responses-${N}.json`);
const bundleFile = join(fixture, 'bundle.json');

/** Deterministic generator: each answer drawn from a fixture respondent of the same status. */
function generate() {
  const base = JSON.parse(readFileSync(join(fixture, 'responses.json'), 'utf8')).responses;
  const rand = seeded(42);
  const next = coopartAnswers(base, rand);
  const parts = [];
  for (let i = 0; i < N; i++) {
    const data = next();
    parts.push(
      JSON.stringify({
        id: `r${i}`,
        status: rand() < 0.97 ? 'complete' : 'partial',
        submittedAt: '2025-03-03T08:00:00Z',
        data,
      }),
    );
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(file, `{"format":"trame-responses/1","responses":[\n${parts.join(',\n')}\n]}\n`);
}

function child(code, args = []) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code, ...args], {
    encoding: 'utf8',
    cwd: root,
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

if (!existsSync(file)) {
  const t = performance.now();
  generate();
  console.log(`generated ${N} responses in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const size = statSync(file).size;

// 1. Bare read + JSON.parse, in a fresh process: time and peak memory.
const bare = child(
  `
  import { readFileSync } from 'node:fs';
  const t0 = performance.now();
  const doc = JSON.parse(readFileSync(process.argv[1], 'utf8'));
  const ms = performance.now() - t0;
  globalThis.gc?.();
  console.log(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024, heap: process.memoryUsage().heapUsed, n: doc.responses.length }));
`,
  [file],
);

// 2. The engine's stages in one process: parse+validate, evaluate, heap held by the parsed data.
const stages = spawnSync(
  process.execPath,
  [
    '--expose-gc',
    '--input-type=module',
    '-e',
    `
  import { readFileSync } from 'node:fs';
  import { parseBundle, parseResponsesJson, evaluate } from '@trame/shared';
  gc(); const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const b = parseBundle(JSON.parse(readFileSync(process.argv[1], 'utf8')));
  const text = readFileSync(process.argv[2], 'utf8');
  const t1 = performance.now();
  const json = JSON.parse(text);
  const t2 = performance.now();
  const r = parseResponsesJson(b.value.bundle, json);
  const t3 = performance.now();
  gc(); const heapData = process.memoryUsage().heapUsed - heap0;
  const rss0 = process.memoryUsage().rss;
  const t4 = performance.now();
  const res = evaluate(b.value.bundle, r.value);
  const t5 = performance.now();
  const t6 = performance.now(); evaluate(b.value.bundle, r.value); const t7 = performance.now();
  console.log(JSON.stringify({ read: t1 - t0, jsonParse: t2 - t1, validate: (t1 - t0) + (t3 - t2), evaluate: t5 - t4, evaluateWarm: t7 - t6,
    heapData, total: res.respondents.total, indicators: res.indicators.length }));
`,
    bundleFile,
    file,
  ],
  { encoding: 'utf8', cwd: root },
);
if (stages.status !== 0) throw new Error(stages.stderr);
const s = JSON.parse(stages.stdout.trim());

// 3. The whole CLI, as a user runs it, against the bare read+parse; best of 3 each.
function timeIt(args) {
  let best = Infinity;
  let rss = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(r.stderr);
    best = Math.min(best, performance.now() - t);
  }
  return { best, rss };
}
const bareRun = timeIt(['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`]);
const cliRun = timeIt([join(root, 'shared/dist/cli/main.js'), 'evaluate', bundleFile, file]);
const cliMem = child(
  `
  import { spawnSync } from 'node:child_process';
  spawnSync(process.execPath, process.argv.slice(1), { stdio: 'ignore' });
  console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS }));
`,
  [join(root, 'shared/dist/cli/main.js'), 'evaluate', bundleFile, file],
);
// resourceUsage of the parent does not include the child; measure the child with its own report instead:
const cliPeak = child(
  `
  const { readResponsesFile } = await import('@trame/shared/node');
  const { parseBundle, evaluate } = await import('@trame/shared');
  const { readFileSync } = await import('node:fs');
  const b = parseBundle(JSON.parse(readFileSync(process.argv[1], 'utf8')));
  const r = await readResponsesFile(b.value.bundle, process.argv[2]);
  evaluate(b.value.bundle, r.value);
  console.log(JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024 }));
`,
  [bundleFile, file],
);
void cliMem;

const mb = (x) => `${(x / 1048576).toFixed(0)} MB`;
const row = (what, value, target, ok) => `| ${what} | ${value} | ${target} | ${ok ? 'met' : '**missed**'} |`;
const lines = [
  `Command: \`npm run bench -- engine\` (${N.toLocaleString('en')} responses, ${mb(size)} of JSON, ${s.indicators} indicators, ${s.total.toLocaleString('en')} complete; Node ${process.version}, ${new Date().toISOString().slice(0, 10)}).`,
  '',
  '| measure | figure | target | |',
  '|---|---|---|---|',
  row('read + JSON.parse of the responses file (bare)', `${bare.ms.toFixed(0)} ms`, '', true),
  row('parse + validate (bundle and responses, JSON.parse excluded)', `${s.validate.toFixed(0)} ms`, '', true),
  row('evaluate (cold, first call)', `${s.evaluate.toFixed(0)} ms`, '≤ 1 s', s.evaluate <= 1000),
  row('evaluate (second call)', `${s.evaluateWarm.toFixed(0)} ms`, '', true),
  row(
    'whole CLI run / bare `node -e` read + JSON.parse (best of 3)',
    `${(cliRun.best / 1000).toFixed(2)} s / ${(bareRun.best / 1000).toFixed(2)} s = ${(cliRun.best / bareRun.best).toFixed(2)}×`,
    '≤ 2×',
    cliRun.best / bareRun.best <= 2,
  ),
  row(
    'peak RSS of read+validate+evaluate / peak RSS of bare read+parse',
    `${mb(cliPeak.rss)} / ${mb(bare.rss)} = ${(cliPeak.rss / bare.rss).toFixed(2)}×`,
    '≤ 2×',
    cliPeak.rss / bare.rss <= 2,
  ),
  row('heap held by the parsed responses', mb(s.heapData), '', true),
];
console.log(lines.join('\n'));
const docs = join(root, 'docs/benchmarks.md');
const md = readFileSync(docs, 'utf8');
const start = md.indexOf('## Indicator engine and CLI (issue 2)');
const end = md.indexOf('\n## ', start + 5);
const section = `## Indicator engine and CLI (issue 2)\n\n${lines.join('\n')}\n`;
writeFileSync(docs, md.slice(0, start) + section + (end === -1 ? '' : md.slice(end)));
