import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { designImportedSchema } from '@trame/shared';
import { coopart } from '../support/fixtures.js';
import { binary, DATABASES, freshDatabase, startApp, type TestApp, type TestDatabase } from '../support/test-app.js';

/**
 * Issue 10 §4–5 over HTTP: an evaluation exported to its design workbook and imported back is the same
 * evaluation (same bundle, same figures on the same responses); real-shaped XLSForm files import with
 * their warnings; a bad file is refused with its places and creates nothing.
 */
type Json = ReturnType<typeof JSON.parse>;
const XLSFORMS = join(process.cwd(), 'test/fixtures/xlsform');

describe.each(DATABASES)('design workbook and XLSForm files on %s', (kind) => {
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

  const evaluationCount = async () =>
    (await t.http.get('/api/evaluations').set(t.auth).expect(200)).body.length as number;
  const upload = (name: string, content: Buffer) =>
    t.http.post('/api/evaluations/import').set(t.auth).attach('file', content, name);
  const resultsOf = async (evaluationId: number): Promise<Json> => {
    const campaign = (
      await t.http
        .post(`/api/evaluations/${evaluationId}/campaigns`)
        .set(t.auth)
        .send({ title: 'Aller-retour' })
        .expect(201)
    ).body;
    await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(201);
    return (await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200)).body;
  };

  it('Coop’Art exported to the design workbook and imported back gives the same bundle and the same figures', async () => {
    const original = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body;
    const file = await t.http
      .get(`/api/evaluations/${original.id}/workbook.xlsx`)
      .set(t.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="[a-z0-9-]+-conception\.xlsx"/);
    const body = file.body as Buffer;
    expect(body.subarray(0, 2).toString()).toBe('PK');

    const back = await upload('conception.xlsx', body).expect(201);
    expect(back.body.warnings).toEqual([]);
    const a = (await t.http.get(`/api/evaluations/${original.id}/bundle`).set(t.auth).expect(200)).body;
    const b = (await t.http.get(`/api/evaluations/${back.body.id}/bundle`).set(t.auth).expect(200)).body;
    expect(b).toEqual(a);
    const results = await resultsOf(back.body.id);
    expect(results).toEqual(coopart.expected());
  });

  it('a KoboToolbox-style XLSForm imports with a French warning for what SurveyJS cannot carry', async () => {
    const before = await evaluationCount();
    const res = await upload('kobo-menage.xlsx', readFileSync(join(XLSFORMS, 'kobo-menage.xlsx'))).expect(201);
    const fits = designImportedSchema.safeParse(res.body);
    expect(fits.success ? [] : fits.error.issues).toEqual([]);
    expect(res.body.id).toEqual(expect.any(Number));
    expect(res.body.warnings.length).toBeGreaterThan(0);
    for (const w of res.body.warnings) expect(w).toMatchObject({ message: expect.any(String) });
    expect(await evaluationCount()).toBe(before + 1);
    const bundle = (await t.http.get(`/api/evaluations/${res.body.id}/bundle`).set(t.auth).expect(200)).body;
    expect(bundle.questionnaire.pages.length).toBeGreaterThan(0);
  });

  it('a workbook with errors is refused with sheet, row and column, and creates nothing', async () => {
    const before = await evaluationCount();
    const res = await upload('erreurs.xlsx', readFileSync(join(XLSFORMS, 'erreurs.xlsx'))).expect(422);
    expect(res.body.code).toBe('INVALID_DESIGN_FILE');
    expect(res.body.message).toContain('erreurs.xlsx');
    expect(res.body.details.errors.length).toBeGreaterThan(0);
    expect(res.body.details.errors.some((e: Json) => typeof e.sheet === 'string')).toBe(true);
    const junk = await upload('faux.xlsx', Buffer.from('PK\u0003\u0004 pas un classeur')).expect(422);
    expect(junk.body.details.errors.length).toBeGreaterThan(0);
    await upload('vide.json', Buffer.from('{"format": "autre"}')).expect(422);
    await t.http.post('/api/evaluations/import').set(t.auth).expect(422);
    expect(await evaluationCount()).toBe(before);
  });

  it('a blank design workbook can be downloaded; imported empty, it says what is missing', async () => {
    const blank = await t.http
      .get('/api/design-workbook/template.xlsx')
      .set(t.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect((blank.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const empty = await upload('modele.xlsx', blank.body as Buffer).expect(422);
    expect(empty.body.details.errors).toContainEqual(
      expect.objectContaining({ sheet: 'survey', message: expect.stringContaining('aucune question') }),
    );
    await t.http.get('/api/design-workbook/template.xlsx').expect(401);
  });
});
