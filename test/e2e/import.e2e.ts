import { randomUUID } from 'node:crypto';
import { parseBundle } from '@trame/shared';
import { importResponsesJson } from '@trame/shared/node';
import { Model } from 'survey-core';
import { DataSource } from 'typeorm';
import { coopart } from '../support/fixtures.js';
import { ensureServerBuilt, kill, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { ADMIN, DATABASES, freshDatabase, startApp, type TestApp, type TestDatabase } from '../support/test-app.js';

/**
 * Imports are staged, then published at once: rows written in small transactions stay invisible until
 * the import is published; a refused import leaves nothing behind; an import cut by a stop is cleaned up
 * at the next start. The built server reads files in a worker thread: same figures as the engine.
 */
type Json = ReturnType<typeof JSON.parse>;

describe.each(DATABASES)('staged imports on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  let campaign: { id: number; slug: string };

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body;
    campaign = (
      await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(t.auth).send({ title: 'Import' }).expect(201)
    ).body;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const counts = async () => (await t.http.get(`/api/campaigns/${campaign.id}`).set(t.auth).expect(200)).body.responses;
  const leftovers = async () => {
    const ds = t.app.get(DataSource);
    const [imports] = await ds.query(`SELECT COUNT(*) AS n FROM response_import WHERE state <> 'published'`);
    const [rows] = await ds.query(
      `SELECT COUNT(*) AS n FROM response r WHERE r.import_id IS NOT NULL AND r.import_id NOT IN (SELECT id FROM response_import WHERE state = 'published')`,
    );
    return { imports: Number(imports.n), rows: Number(rows.n) };
  };

  it('publishes a file at once, and refuses a second copy leaving nothing behind', async () => {
    const ok = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(201);
    expect(ok.body).toEqual({ imported: 85, complete: 85 });
    expect(await counts()).toEqual({ complete: 85, partial: 0 });
    const results = await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200);
    expect(results.body).toEqual(coopart.expected());

    // The same responses again: every id is taken, nothing is imported, no staged row stays.
    const again = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(422);
    expect(again.body.details.errors).toHaveLength(85);
    expect(again.body.details.errors[0].path).toBe('responses[0].id');
    expect(await counts()).toEqual({ complete: 85, partial: 0 });
    expect(await leftovers()).toEqual({ imports: 0, rows: 0 });
  });

  it('rows of an import not yet published are not counted, and a restart removes them', async () => {
    const ds = t.app.get(DataSource);
    const before = (await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200)).body;
    // An import cut by a stop, two hours ago: its import row and a few of its rows are there.
    const old = new Date(Date.now() - 2 * 3600_000).toISOString();
    const pg = kind === 'postgres';
    const p = (n: number) => (pg ? `$${n}` : '?');
    const [imp] = await ds.query(
      `INSERT INTO response_import (campaign_id, state, file_name, row_count, created_at) VALUES (${p(1)}, 'staging', 'coupé.csv', 3, ${p(2)}) RETURNING id`,
      [campaign.id, old],
    );
    const data = JSON.stringify(coopart.responses().responses[0]!.data);
    for (const uuid of ['staged-1', 'staged-2', 'staged-3'])
      await ds.query(
        `INSERT INTO response (campaign_id, uuid, status, data, import_id, source, created_at, updated_at, submitted_at) VALUES (${p(1)}, ${p(2)}, 'complete', ${p(3)}, ${p(4)}, 'import', ${p(5)}, ${p(6)}, ${p(7)})`,
        [campaign.id, uuid, data, Number(imp.id), old, old, old],
      );
    expect(await counts()).toEqual({ complete: 85, partial: 0 });
    const during = (await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200)).body;
    expect(during).toEqual(before);
    const csv = await t.http.get(`/api/campaigns/${campaign.id}/responses.csv`).set(t.auth).expect(200);
    expect(csv.text).not.toContain('staged-1');

    await t.close();
    t = await startApp(db);
    expect(await leftovers()).toEqual({ imports: 0, rows: 0 });
    expect(await counts()).toEqual({ complete: 85, partial: 0 });
  });
});

/** A → B → C: b asked if a = oui, c if b = oui. */
const chainBundle = {
  format: 'trame-bundle/1',
  title: 'Chaîne',
  questionnaire: {
    elements: [
      { type: 'radiogroup', name: 'a', choices: ['oui', 'non'] },
      { type: 'radiogroup', name: 'b', choices: ['oui', 'non'], visibleIf: "{a} = 'oui'" },
      { type: 'radiogroup', name: 'c', choices: ['oui', 'non'], visibleIf: "{b} = 'oui'" },
    ],
  },
  framework: {
    dimensions: [
      {
        code: 'D',
        title: 'D',
        criteria: [
          {
            code: 'C',
            title: 'C',
            indicators: [
              { code: 'B', kind: 'count', question: 'b' },
              { code: 'C', kind: 'count', question: 'c' },
            ],
          },
        ],
      },
    ],
  },
};

describe.each(DATABASES)('hidden answers cleared once on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const newCampaign = async () => {
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(chainBundle).expect(201)).body;
    return (
      await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(t.auth).send({ title: 'Chaîne' }).expect(201)
    ).body as { id: number; slug: string };
  };
  const figures = async (id: number) =>
    ((await t.http.get(`/api/campaigns/${id}/results`).set(t.auth).expect(200)).body.indicators as Json[]).map((i) => [
      i.code,
      i.value,
      i.denominator,
    ]);

  it('a file is cleared at import with survey-core; a Trame export (visibilityApplied) and the page’s saves are not', async () => {
    // Answers as given (paper): a changed to "non"; SurveyJS clears b on completion and keeps c.
    const raw = await newCampaign();
    await t.http
      .post(`/api/campaigns/${raw.id}/responses/import`)
      .set(t.auth)
      .send([{ a: 'non', b: 'oui', c: 'oui' }])
      .expect(201);
    expect(await figures(raw.id)).toEqual([
      ['B', null, 0],
      ['C', 1, 1],
    ]);

    // What SurveyJS stored, saved from the page and re-imported from an export: c stays.
    const page = await newCampaign();
    await t.http
      .put(`/api/public/campaigns/${page.slug}/responses/${randomUUID()}`)
      .send({ status: 'complete', data: { a: 'non', c: 'oui' } })
      .expect(201);
    expect(await figures(page.id)).toEqual([
      ['B', null, 0],
      ['C', 1, 1],
    ]);
    const exported = await newCampaign();
    await t.http
      .post(`/api/campaigns/${exported.id}/responses/import`)
      .set(t.auth)
      .send({
        format: 'trame-responses/1',
        visibilityApplied: true,
        responses: [{ id: 'r1', status: 'complete', data: { a: 'non', c: 'oui' } }],
      })
      .expect(201);
    expect(await figures(exported.id)).toEqual([
      ['B', null, 0],
      ['C', 1, 1],
    ]);
  });

  it('refuses impossible answers with the verdict the CLI gives (the same shared import)', async () => {
    const campaign = await newCampaign();
    const body = [{ a: 'peut-être' }, { a: 'oui', inconnue: 1 }];
    const refused = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(body)
      .expect(422);
    const bundle = parseBundle(chainBundle);
    const cli = bundle.ok ? importResponsesJson(bundle.value.bundle, body) : null;
    expect(cli?.ok).toBe(false);
    expect(refused.body.details.errors).toEqual(cli && !cli.ok ? cli.errors : null);
    expect(refused.body.details.errors.map((e: Json) => e.path)).toEqual(['[0].a', '[1].inconnue']);
  });

  it('a public save takes the answers survey-core produces, and refuses a structured question given text', async () => {
    const questionnaire = {
      elements: [
        {
          type: 'matrixdropdown',
          name: 'md',
          cellType: 'checkbox',
          choices: [1, 2],
          columns: [{ name: 'x' }, { name: 't', cellType: 'text', inputType: 'number', totalType: 'sum' }],
          rows: ['r1'],
        },
        { type: 'checkbox', name: 'cars', valuePropertyName: 'car', choices: ['BMW', 'Audi'] },
      ],
    };
    const bundle = {
      ...chainBundle,
      questionnaire,
      framework: {
        dimensions: [
          {
            code: 'D',
            title: 'D',
            criteria: [
              {
                code: 'C',
                title: 'C',
                indicators: [{ code: 'BMW', kind: 'percent', question: 'cars', positive: ['BMW'] }],
              },
            ],
          },
        ],
      },
    };
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(bundle).expect(201)).body;
    const campaign = (
      await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(t.auth).send({ title: 'Formes' }).expect(201)
    ).body as { id: number; slug: string };
    const model = new Model(questionnaire);
    const md = model.getQuestionByName('md') as unknown as {
      visibleRows: { cells: { question: { value: unknown } }[] }[];
    };
    md.visibleRows[0]!.cells[0]!.question.value = [1, 2];
    md.visibleRows[0]!.cells[1]!.question.value = 4;
    model.setValue('cars', [{ car: 'BMW' }]);
    model.doComplete();
    expect(model.data).toMatchObject({ 'md-total': { t: 4 }, cars: [{ car: 'BMW' }] });
    const put = (data: unknown) =>
      t.http.put(`/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`).send({ status: 'complete', data });
    await put(model.data).expect(201);
    const refused = await put({ md: 'texte', cars: [{ car: 'Fiat' }] }).expect(422);
    expect(refused.body.details.errors.map((e: Json) => e.path)).toEqual(['md', 'cars']);
    expect(await figures(campaign.id)).toEqual([['BMW', 100, 1]]);
  });

  it('the page’s content security policy lets a questionnaire show https: and data: images and videos', async () => {
    const res = await t.http.get('/api/health');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: blob: https:/);
    expect(csp).toMatch(/media-src 'self' data: blob: https:/);
    expect(csp).toMatch(/script-src 'self'/);
  });
});

describe.each(DATABASES)('file import in the built server (worker thread) on %s', (kind) => {
  let db: TestDatabase;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    ensureServerBuilt();
    db = await freshDatabase(kind);
    server = await startServerProcess(db.env);
  }, 180_000);
  afterAll(async () => {
    if (server) await kill(server);
    await db?.drop();
  });

  it('a refused CSV names its row and column; a good one gives the engine’s figures', async () => {
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${server!.url}${path}`, init);
      return { status: res.status, body: (await res.json().catch(() => null)) as Json };
    };
    const json = { 'content-type': 'application/json' };
    const token = (await call('/api/auth/token', { method: 'POST', headers: json, body: JSON.stringify(ADMIN) })).body
      .token as string;
    const auth = { Authorization: `Bearer ${token}` };
    const evaluation = (
      await call('/api/evaluations', {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify(coopart.bundle()),
      })
    ).body;
    const campaign = (
      await call(`/api/evaluations/${evaluation.id}/campaigns`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ title: 'Fichier' }),
      })
    ).body;
    const upload = (name: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text]), name);
      return call(`/api/campaigns/${campaign.id}/responses/import`, { method: 'POST', headers: auth, body: form });
    };
    const csv = coopart.responsesCsv();
    // Row 3 answers a number question with words: the whole file is refused, by row and column.
    const lines = csv.split('\n');
    const header = lines[0]!.split(';');
    const col = header.indexOf('nb_nouveaux_projets');
    const cells = lines[2]!.split(';');
    cells[col] = 'beaucoup';
    const bad = [lines[0], lines[1], cells.join(';'), ...lines.slice(3)].join('\n');
    const refused = await upload('faux.csv', bad);
    expect(refused.status).toBe(422);
    expect(refused.body.details.errors[0].path).toMatch(/^ligne 3, colonne « nb_nouveaux_projets »/);
    const ok = await upload('responses.csv', csv);
    expect(ok.status).toBe(201);
    expect(ok.body.imported).toBe(85);
    const results = await call(`/api/campaigns/${campaign.id}/results`, { headers: auth });
    expect(results.body).toEqual(coopart.expected());
  }, 120_000);
});
