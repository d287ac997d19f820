import { DataSource } from 'typeorm';
import { Evaluation } from '../../server/src/modules/evaluations/evaluation.entity.js';
import { QuestionnaireVersion } from '../../server/src/modules/evaluations/questionnaire-version.entity.js';
import { coopart } from '../support/fixtures.js';
import { ADMIN, DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/**
 * Names that are also Object.prototype's (issue 7): `__proto__` as a question's valueName or a segment code
 * once wrote on Object.prototype, after which every login and authenticated route answered 500, for every
 * organisation, until restart. Bundles declaring them are refused; an old stored bundle that holds them
 * is computed and exported without harm.
 */
type Bundle = ReturnType<typeof coopart.bundle>;

describe.each(DATABASES)('hostile names on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  // Descriptors in a Map: a plain object would itself inherit what a hostile name wrote.
  const snapshot = () =>
    new Map(Reflect.ownKeys(Object.prototype).map((k) => [k, Reflect.getOwnPropertyDescriptor(Object.prototype, k)!]));
  const before = snapshot();

  /** Names added to or changed on Object.prototype; puts it back so that a failure does not cascade. */
  const prototypeChanges = () => {
    const now = snapshot();
    const changed = [...new Set([...before.keys(), ...now.keys()])].filter((k) => {
      const [a, b] = [before.get(k), now.get(k)];
      return !a || !b || a.value !== b.value || a.get !== b.get || a.set !== b.set;
    });
    for (const k of changed) {
      const d = before.get(k);
      if (d) Object.defineProperty(Object.prototype, k, d);
      else Reflect.deleteProperty(Object.prototype, k);
    }
    return changed.map(String);
  };

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
  }, 60_000);
  afterEach(() => prototypeChanges());
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const importBundle = async (bundle = coopart.bundle()) =>
    (await t.http.post('/api/evaluations').set(t.auth).send(bundle).expect(201)).body as { id: number };

  it.each([
    [
      'a valueName',
      (b: Bundle) => (b.questionnaire.pages[0].elements[0].valueName = '__proto__'),
      { path: 'questionnaire.pages[0].elements[0].valueName', message: 'valueName interdit « __proto__ »' },
    ],
    [
      'a segment code',
      (b: Bundle) => (b.segments[0].code = '__proto__'),
      { path: 'segments[0].code', message: 'code de segment interdit « __proto__ »' },
    ],
    [
      'a group code',
      (b: Bundle) => (b.segments[1].groups[0].code = 'constructor'),
      { path: 'segments[1].groups[0].code', message: 'code de groupe interdit « constructor »' },
    ],
    [
      'a matrix row',
      (b: Bundle) =>
        b.questionnaire.pages[0].elements.push({ type: 'matrix', name: 'mx', rows: ['prototype'], columns: [1] }),
      { path: 'questionnaire.pages[0].elements[6].rows[0]', message: 'nom de ligne interdit « prototype »' },
    ],
    [
      'an internal data code',
      (b: Bundle) => (b.internalData[0].code = '__proto__'),
      { path: 'internalData[0].code', message: 'code de donnée interne interdit « __proto__ »' },
    ],
  ])('a bundle declaring %s named like a prototype is refused with 422 naming the path', async (_, edit, issue) => {
    const bundle = coopart.bundle();
    edit(bundle);
    const res = await t.http.post('/api/evaluations').set(t.auth).send(bundle).expect(422);
    expect(res.body.code).toBe('INVALID_BUNDLE');
    expect(res.body.details.errors).toContainEqual(issue);
  });

  it('the same names are refused in a new questionnaire and as a new internal data code', async () => {
    const { id } = await importBundle();
    const questionnaire = coopart.bundle().questionnaire;
    questionnaire.pages[0].elements[0].valueName = '__proto__';
    const q = await t.http.put(`/api/evaluations/${id}/questionnaire`).set(t.auth).send({ questionnaire }).expect(422);
    expect(q.body.details.errors).toContainEqual({
      path: 'questionnaire.pages[0].elements[0].valueName',
      message: 'valueName interdit « __proto__ »',
    });
    for (const code of ['__proto__', 'constructor']) {
      const res = await t.http
        .put(`/api/evaluations/${id}/internal-data/${code}`)
        .set(t.auth)
        .send({ value: 1, label: 'x' })
        .expect(422);
      expect(res.body.details.errors).toEqual([
        { path: 'code', message: `code de donnée interne interdit « ${code} »` },
      ]);
    }
    const bundle = (await t.http.get(`/api/evaluations/${id}/bundle`).set(t.auth).expect(200)).body;
    expect(bundle).toEqual(coopart.bundle());
  });

  it('an unknown top-level field named constructor comes back with the bundle', async () => {
    const doc = { ...coopart.bundle(), constructor: { note: 'kept' } };
    const { id } = await importBundle(doc);
    expect((await t.http.get(`/api/evaluations/${id}/bundle`).set(t.auth).expect(200)).body).toEqual(doc);
  });

  it('an old stored bundle with such names: import, results, exports, and then login still work', async () => {
    const { id } = await importBundle();
    // A bundle stored before validation refused these names, written as it was.
    const bundle = coopart.bundle();
    bundle.questionnaire.pages[0].elements.push(
      { type: 'radiogroup', name: 'origine', valueName: '__proto__', choices: ['a', 'b'] },
      { type: 'matrix', name: 'constructor', rows: ['prototype', 'toString'], columns: [1, 2] },
    );
    bundle.segments.push({
      code: '__proto__',
      question: '__proto__',
      groups: [
        { code: 'constructor', values: ['a'] },
        { code: 'polluted', values: ['b'] },
      ],
    });
    bundle.framework.dimensions[0].criteria[0].indicators.push(
      {
        code: 'origine_a',
        kind: 'percent',
        question: '__proto__',
        positive: ['a'],
        breakdown: ['statut', '__proto__'],
      },
      { code: 'toString', kind: 'count', question: 'constructor.toString' },
    );
    const ds = t.app.get(DataSource);
    await ds
      .getRepository(Evaluation)
      .update({ id }, { segments: bundle.segments, framework: bundle.framework, revision: () => 'revision + 1' });
    await ds.getRepository(QuestionnaireVersion).update({ evaluationId: id }, { definition: bundle.questionnaire });
    const campaign = (
      await t.http.post(`/api/evaluations/${id}/campaigns`).set(t.auth).send({ title: 'Ancienne' }).expect(201)
    ).body as { id: number };

    const csv = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .attach('file', Buffer.from('__proto__;statut\na;associe\n', 'utf8'), 'responses.csv')
      .expect(422);
    expect(csv.body.details.errors[0]).toMatchObject({ path: 'ligne 1, colonne « __proto__ » (A)', row: 1 });
    // As JSON text: an object literal with a `__proto__` key would set a prototype instead of a key.
    const json =
      '[{"statut":"associe","__proto__":"a","constructor":{"prototype":1}},{"statut":"associe","__proto__":"a"},' +
      '{"statut":"non_associe","__proto__":"b","constructor":{"prototype":2}}]';
    await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .set('Content-Type', 'application/json')
      .send(json)
      .expect(201);

    const results = await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200);
    // What a polluted Object.prototype broke first: every login.
    await t.http.post('/api/auth/token').send(ADMIN).expect(200);
    expect(prototypeChanges()).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const { respondents } = results.body as { respondents: { total: number; segments: Record<string, object> } };
    expect(respondents.total).toBe(3);
    expect(Object.keys(respondents.segments)).toEqual(['statut', 'profil', '__proto__']);
    expect(respondents.segments['__proto__']).toEqual({ constructor: 2, polluted: 1 });
    const indicators = results.body.indicators as { code: string; breakdown?: Record<string, unknown> }[];
    const origine = indicators.find((i) => i.code === 'origine_a')!;
    expect(origine).toMatchObject({ numerator: 2, denominator: 3 });
    expect(Object.keys(origine.breakdown!)).toEqual(['statut', '__proto__']);
    const groups = origine.breakdown!['__proto__'] as Record<string, unknown>;
    expect(Object.keys(groups)).toEqual(['constructor', 'polluted']);
    expect(groups['constructor']).toMatchObject({ numerator: 2, denominator: 2 });
    expect(groups['polluted']).toMatchObject({ numerator: 0, denominator: 1 });
    expect(indicators.find((i) => i.code === 'toString')).toMatchObject({ value: null, denominator: 0 });

    await t.http.get(`/api/evaluations/${id}/bundle`).set(t.auth).expect(200);
    const exported = await t.http.get(`/api/campaigns/${campaign.id}/responses.csv`).set(t.auth).expect(200);
    const [header, first] = exported.text.replace(/^\uFEFF/, '').split('\r\n');
    const cells = (line: string) => Object.fromEntries(header!.split(';').map((h, i) => [h, line.split(';')[i]]));
    const row = cells(first!);
    expect([row['__proto__'], row['constructor.prototype'], row['constructor.toString']]).toEqual(['a', '1', '']);
    await t.http.get(`/api/campaigns/${campaign.id}/export.xlsx`).set(t.auth).buffer().expect(200);

    // Every organisation's routes still answer: login, listings, results.
    expect(prototypeChanges()).toEqual([]);
    const login = await t.http.post('/api/auth/token').send(ADMIN).expect(200);
    const auth = { Authorization: `Bearer ${(login.body as { token: string }).token}` };
    await t.http.get('/api/evaluations').set(auth).expect(200);
    await t.http.get(`/api/campaigns/${campaign.id}/results`).set(auth).expect(200);
    const other = await importBundle();
    const c2 = (await t.http.post(`/api/evaluations/${other.id}/campaigns`).set(auth).send({ title: 'B' }).expect(201))
      .body as { id: number };
    await t.http.get(`/api/campaigns/${c2.id}/results`).set(auth).expect(200);
  });
});
