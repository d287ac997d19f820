import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp, binary } from '../support/test-app.js';

describe.each(DATABASES)('exports on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  let campaign: { id: number; slug: string };
  const evil = '=HYPERLINK("http://evil.example","cliquez")';

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body;
    campaign = (
      await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(t.auth).send({ title: 'Export' }).expect(201)
    ).body;
    await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(201);
    const data = {
      ...coopart.responses().responses[0]!.data,
      commentaire_libre: evil,
      exemple_concret: '+33 6 12 34 56 78',
    };
    await t.http
      .put(`/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`)
      .send({ status: 'complete', data })
      .expect(201);
    await t.http
      .put(`/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`)
      .send({ status: 'partial', data: { statut: 'associe' } })
      .expect(201);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('the workbook reads back with its five sheets, figures, verbatims and neutralised cells', async () => {
    const res = await t.http
      .get(`/api/campaigns/${campaign.id}/export.xlsx`)
      .set(t.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Synthèse',
      'Réponses',
      'Verbatims',
      'Données internes',
      'Méthode',
    ]);

    const synth = wb.getWorksheet('Synthèse')!;
    const head = synth.getRow(1).values as unknown[];
    const col = (name: string) => head.indexOf(name);
    const rowOf = (code: string) => {
      for (let i = 2; i <= synth.rowCount; i++)
        if (
          synth.getRow(i).getCell(col('Code')).value === code &&
          synth.getRow(i).getCell(col('Type')).value !== 'choix'
        )
          return synth.getRow(i);
      throw new Error(code);
    };
    const results = (await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200)).body;
    const i01 = results.indicators.find((r: { code: string }) => r.code === 'I01');
    const row = rowOf('I01');
    expect(row.getCell(col('Valeur')).value).toBe(i01.rounded);
    expect(row.getCell(col('n')).value).toBe(i01.numerator);
    expect(row.getCell(col('N')).value).toBe(i01.denominator);
    expect(typeof row.getCell(col('Valeur exacte')).value).toBe('number');
    expect(row.getCell(col('associé·es : N')).value).toBe(i01.breakdown.statut.associes.denominator);
    expect(row.getCell(col('Phrase')).value).toMatch(/%/);

    const answers = wb.getWorksheet('Réponses')!;
    expect(answers.rowCount).toBe(2 + 86); // two header rows, 86 complete responses, the partial one left out
    const codes = answers.getRow(2).values as unknown[];
    const labels = answers.getRow(1).values as unknown[];
    expect(codes.slice(2, 5)).toEqual(['id', 'submittedAt', 'statut']);
    expect(labels[4]).toBe("Êtes-vous sociétaire (associé·e) de Coop'Art ?");
    const statut = answers.getRow(3).getCell(4).value;
    expect(statut).toBe(
      coopart.responses().responses[0]!.data.statut === 'associe' ? 'Oui, je suis sociétaire' : 'Non',
    );
    const last = answers.getRow(88);
    expect(last.getCell(codes.indexOf('commentaire_libre')).value).toBe(`'${evil}`);
    const amount = codes.indexOf('montant_economies');
    const numbers = [];
    for (let i = 3; i <= 88; i++) {
      const v = answers.getRow(i).getCell(amount).value;
      if (v !== null && v !== undefined) numbers.push(v);
    }
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.every((v) => typeof v === 'number')).toBe(true);

    const verbatims = wb.getWorksheet('Verbatims')!;
    const texts: unknown[] = [];
    verbatims.eachRow((r, i) => i > 1 && texts.push(r.getCell(r.cellCount).value));
    expect(texts).toContain(`'${evil}`);
    expect(texts).toContain(`'+33 6 12 34 56 78`);
    expect(verbatims.getRow(1).values).toEqual([
      undefined,
      'Code',
      'Question',
      'Réponse n°',
      'Statut',
      'Profil',
      'Verbatim',
    ]);

    const internal = wb.getWorksheet('Données internes')!;
    expect(internal.getRow(2).getCell(1).value).toBe('societaires_2025');
    expect(internal.getRow(2).getCell(3).value).toBe(137);

    const method = wb.getWorksheet('Méthode')!;
    const facts = new Map<unknown, unknown>();
    method.eachRow((r) => facts.set(r.getCell(1).value, r.getCell(2).value));
    expect(facts.get('Réponses complètes (comptées)')).toBe(86);
    expect(facts.get('Réponses partielles (non comptées)')).toBe(1);
  });

  it('the CSV has a BOM, neutralised text, and imports back to the same results', async () => {
    const res = await t.http
      .get(`/api/campaigns/${campaign.id}/responses.csv`)
      .set(t.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""cliquez"")"`);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 86);
    // Round trip without the neutralised row (its quote would be part of the answer).
    const clean = text
      .split('\r\n')
      .filter((l) => !l.includes('HYPERLINK'))
      .join('\r\n');
    const evaluation = (await t.http.get(`/api/campaigns/${campaign.id}`).set(t.auth).expect(200)).body.evaluationId;
    const copy = (
      await t.http.post(`/api/evaluations/${evaluation}/campaigns`).set(t.auth).send({ title: 'Copie' }).expect(201)
    ).body;
    await t.http
      .post(`/api/campaigns/${copy.id}/responses/import`)
      .set(t.auth)
      .attach('file', Buffer.from(clean, 'utf8'), 'r.csv')
      .expect(201);
    const again = (await t.http.get(`/api/campaigns/${copy.id}/results`).set(t.auth).expect(200)).body;
    expect(again).toEqual(coopart.expected());
  });
  it('the JSON export says visibility was applied, and imports back as it is, to the same results', async () => {
    const res = await t.http
      .get(`/api/campaigns/${campaign.id}/responses.json`)
      .set(t.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const doc = JSON.parse((res.body as Buffer).toString('utf8')) as {
      format: string;
      visibilityApplied: boolean;
      responses: { id: string; status: string; data: Record<string, unknown> }[];
    };
    expect(doc.format).toBe('trame-responses/1');
    expect(doc.visibilityApplied).toBe(true);
    expect(doc.responses).toHaveLength(86); // complete only: 85 imported and one public save
    expect(doc.responses.every((r) => r.status === 'complete')).toBe(true);
    // Round trip without the public save (its answers are not the fixture's).
    const fixtureIds = new Set(coopart.responses().responses.map((r) => r.id));
    const evaluation = (await t.http.get(`/api/campaigns/${campaign.id}`).set(t.auth).expect(200)).body.evaluationId;
    const copy = (
      await t.http
        .post(`/api/evaluations/${evaluation}/campaigns`)
        .set(t.auth)
        .send({ title: 'Copie JSON' })
        .expect(201)
    ).body;
    await t.http
      .post(`/api/campaigns/${copy.id}/responses/import`)
      .set(t.auth)
      .send({ ...doc, responses: doc.responses.filter((r) => fixtureIds.has(r.id)) })
      .expect(201);
    const again = (await t.http.get(`/api/campaigns/${copy.id}/results`).set(t.auth).expect(200)).body;
    expect(again).toEqual(coopart.expected());
  });
});
