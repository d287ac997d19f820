import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/** The HTTP contract of issue 3, on every database under test. */
describe.each(DATABASES)('API contract on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const importBundle = async () => {
    const res = await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201);
    return res.body as { id: number };
  };
  const newCampaign = async (evaluationId: number, body: Record<string, unknown> = {}) => {
    const res = await t.http
      .post(`/api/evaluations/${evaluationId}/campaigns`)
      .set(t.auth)
      .send({ title: 'Enquête 2026', ...body })
      .expect(201);
    return res.body as { id: number; slug: string; url: string };
  };
  const count = async (table: string) => {
    const rows: { n: number | string }[] = await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0]!.n);
  };

  it('GET /api/health answers 200', async () => {
    await t.http.get('/api/health').expect(200);
  });

  it('the migrated schema matches the entities', async () => {
    const sql = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('POST /api/auth/token: 200 with a token, 401 on a wrong password', async () => {
    await t.http.post('/api/auth/token').send({ email: 'admin@example.org', password: 'nope' }).expect(401);
    await t.http.post('/api/auth/token').send({ email: 'nobody@example.org', password: 'nope' }).expect(401);
    const res = await t.http
      .post('/api/auth/token')
      .send({ email: 'ADMIN@example.org', password: 'correct horse battery staple' })
      .expect(200);
    expect(typeof res.body.token).toBe('string');
  });

  it('full flow reproduces expected-results.json, and the bundle comes back identical', async () => {
    const evaluation = await importBundle();
    const bundle = (await t.http.get(`/api/evaluations/${evaluation.id}/bundle`).set(t.auth).expect(200)).body;
    expect(bundle).toEqual(coopart.bundle());
    // Importing the exported bundle gives the same evaluation.
    const again = (await t.http.post('/api/evaluations').set(t.auth).send(bundle).expect(201)).body;
    expect((await t.http.get(`/api/evaluations/${again.id}/bundle`).set(t.auth).expect(200)).body).toEqual(bundle);

    const campaign = await newCampaign(evaluation.id);
    expect(campaign.url).toBe(`http://trame.test/s/${campaign.slug}`);
    const imported = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(201);
    expect(imported.body.imported).toBe(85);
    const results = await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200);
    expect(results.body).toEqual(coopart.expected());
  });

  it('CSV and XLSX-free multipart import give the same results', async () => {
    const evaluation = await importBundle();
    const campaign = await newCampaign(evaluation.id);
    const res = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .attach('file', Buffer.from(coopart.responsesCsv(), 'utf8'), 'responses.csv')
      .expect(201);
    expect(res.body.imported).toBe(85);
    const results = await t.http.get(`/api/campaigns/${campaign.id}/results`).set(t.auth).expect(200);
    expect(results.body).toEqual(coopart.expected());
  });

  it('an invalid bundle is refused with 422 and paths, nothing stored', async () => {
    const before = await count('evaluation');
    const bad = coopart.bundle();
    bad.framework.dimensions[1].criteria[0].indicators[0].question = 'renforce';
    const res = await t.http.post('/api/evaluations').set(t.auth).send(bad).expect(422);
    expect(res.body.code).toBe('INVALID_BUNDLE');
    const paths = (res.body.details.errors as { path: string }[]).map((e) => e.path);
    expect(paths.some((p) => p.startsWith('framework.dimensions[1].criteria[0].indicators[0]'))).toBe(true);
    const untitled = coopart.bundle();
    delete untitled.title;
    const res2 = await t.http.post('/api/evaluations').set(t.auth).send(untitled).expect(422);
    expect(res2.body.details.errors).toContainEqual(expect.objectContaining({ path: 'title' }));
    await t.http.post('/api/evaluations').set(t.auth).send({ format: 'trame-bundle/2' }).expect(422);
    expect(await count('evaluation')).toBe(before);
  });

  it('invalid responses are refused with row/column errors, nothing stored', async () => {
    const evaluation = await importBundle();
    const campaign = await newCampaign(evaluation.id);
    const csv = coopart.responsesCsv().split('\n');
    csv[3] = csv[3]!.replace(/^associe;/, 'martien;');
    const res = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .attach('file', Buffer.from(csv.join('\n'), 'utf8'), 'responses.csv')
      .expect(422);
    expect(res.body.code).toBe('INVALID_RESPONSES');
    expect(res.body.details.errors[0]).toMatchObject({ row: 4, column: 'statut' });
    const json = coopart.responses();
    json.responses[10]!.data.statut = 'martien';
    const bad = await t.http.post(`/api/campaigns/${campaign.id}/responses/import`).set(t.auth).send(json).expect(422);
    expect(bad.body.details.errors[0].path).toBe('responses[10].data.statut');
    // Twice the same file: the second import clashes on ids and stores nothing.
    await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(201);
    const clash = await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(422);
    expect(clash.body.details.errors).toHaveLength(85);
    const c = await t.http.get(`/api/campaigns/${campaign.id}`).set(t.auth).expect(200);
    expect(c.body.responses).toEqual({ complete: 85, partial: 0 });
    await t.http
      .post(`/api/campaigns/${campaign.id}/responses/import`)
      .set(t.auth)
      .attach('file', Buffer.from('x'), 'responses.pdf')
      .expect(415);
  });

  describe('public submissions', () => {
    let slug: string;
    let campaignId: number;
    const answers = () => ({ ...coopart.responses().responses[0]!.data });

    beforeAll(async () => {
      const evaluation = await importBundle();
      const c = await newCampaign(evaluation.id);
      slug = c.slug;
      campaignId = c.id;
    });

    it('GET /api/public/campaigns/:slug needs no account and gives the questionnaire', async () => {
      const res = await t.http.get(`/api/public/campaigns/${slug}`).expect(200);
      expect(res.body).toMatchObject({ title: 'Enquête 2026', state: 'open', access: 'public' });
      expect(res.body.questionnaire.pages.length).toBeGreaterThan(0);
      expect(res.body.privacyNotice).toMatch(/adresse IP/);
      await t.http.get('/api/public/campaigns/nope').expect(404);
    });

    it('partial saves, resume, completion, idempotent replay, 409 on a different payload', async () => {
      const id = randomUUID();
      const url = `/api/public/campaigns/${slug}/responses/${id}`;
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe' } })
        .expect(201);
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'non_associe' } })
        .expect(200);
      const resumed = await t.http.get(url).expect(200);
      expect(resumed.body).toMatchObject({ id, status: 'partial', data: { statut: 'non_associe' } });
      const done = await t.http.put(url).send({ status: 'complete', data: answers() }).expect(200);
      expect(done.body).toMatchObject({ id, status: 'complete' });
      const replay = await t.http.put(url).send({ status: 'complete', data: answers() }).expect(200);
      expect(replay.body).toEqual(done.body);
      const changed = await t.http
        .put(url)
        .send({ status: 'complete', data: { ...answers(), statut: 'non_associe' } })
        .expect(409);
      expect(changed.body.code).toBe('RESPONSE_ALREADY_COMPLETE');
      await t.http.put(url).send({ status: 'partial', data: answers() }).expect(409);
      const created = await t.http
        .put(`/api/public/campaigns/${slug}/responses/${randomUUID()}`)
        .send({ status: 'complete', data: answers() })
        .expect(201);
      expect(created.body.status).toBe('complete');
      const results = await t.http.get(`/api/campaigns/${campaignId}/results`).set(t.auth).expect(200);
      expect(results.body.respondents.total).toBe(2);
    });

    it('answers are checked against the questionnaire: 422 naming the question, nothing stored', async () => {
      const counts = async () =>
        (await t.http.get(`/api/campaigns/${campaignId}`).set(t.auth).expect(200)).body.responses;
      const before = await counts();
      const put = (data: Record<string, unknown>) =>
        t.http.put(`/api/public/campaigns/${slug}/responses/${randomUUID()}`).send({ status: 'complete', data });
      const unknown = await put({ ...answers(), pas_une_question: 'x' }).expect(422);
      expect(unknown.body.code).toBe('INVALID_ANSWERS');
      expect(unknown.body.details.errors[0].path).toBe('pas_une_question');
      const choice = await put({ ...answers(), statut: 'martien' }).expect(422);
      expect(choice.body.details.errors[0].path).toBe('statut');
      const type = await put({ ...answers(), motivations: 'pas une liste' }).expect(422);
      expect(type.body.details.errors[0].path).toBe('motivations');
      await t.http
        .put(`/api/public/campaigns/${slug}/responses/pas-un-uuid`)
        .send({ status: 'complete', data: answers() })
        .expect(400);
      await t.http
        .put(`/api/public/campaigns/${slug}/responses/${randomUUID()}`)
        .send({ status: 'fini', data: answers() })
        .expect(400);
      expect(await counts()).toEqual(before);
    });

    it('bodies have a size limit', async () => {
      const big = { status: 'partial', data: { commentaire: 'x'.repeat(300 * 1024) } };
      const res = await t.http.put(`/api/public/campaigns/${slug}/responses/${randomUUID()}`).send(big).expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('no IP address or user agent is stored with answers', async () => {
      const columns = await t.app.get(DataSource).createQueryRunner().getTable('response');
      const names = columns!.columns.map((c) => c.name);
      expect(names.filter((n) => /ip|agent|host/i.test(n))).toEqual([]);
    });
  });

  it('closed or not yet open campaigns answer 410 with a French message', async () => {
    const evaluation = await importBundle();
    const future = await newCampaign(evaluation.id, { opensAt: new Date(Date.now() + 86400_000).toISOString() });
    const past = await newCampaign(evaluation.id, {
      closesAt: new Date(Date.now() - 1000).toISOString(),
      opensAt: '2020-01-01T00:00:00Z',
    });
    const body = { status: 'partial', data: { statut: 'associe' } };
    const a = await t.http.put(`/api/public/campaigns/${future.slug}/responses/${randomUUID()}`).send(body).expect(410);
    expect(a.body).toMatchObject({ code: 'CAMPAIGN_NOT_OPEN', message: expect.stringMatching(/pas encore ouverte/) });
    const b = await t.http.put(`/api/public/campaigns/${past.slug}/responses/${randomUUID()}`).send(body).expect(410);
    expect(b.body).toMatchObject({ code: 'CAMPAIGN_CLOSED', message: expect.stringMatching(/close/) });
    expect((await t.http.get(`/api/public/campaigns/${past.slug}`).expect(200)).body.state).toBe('closed');
    // Closing by hand, then reopening.
    const open = await newCampaign(evaluation.id);
    await t.http.patch(`/api/campaigns/${open.id}`).set(t.auth).send({ status: 'closed' }).expect(200);
    await t.http.put(`/api/public/campaigns/${open.slug}/responses/${randomUUID()}`).send(body).expect(410);
    const reopened = await t.http.patch(`/api/campaigns/${open.id}`).set(t.auth).send({ status: 'open' }).expect(200);
    expect(reopened.body.state).toBe('open');
    await t.http.put(`/api/public/campaigns/${open.slug}/responses/${randomUUID()}`).send(body).expect(201);
    // Access changes (public ↔ invitation); an empty PATCH changes nothing.
    const restricted = await t.http
      .patch(`/api/campaigns/${open.id}`)
      .set(t.auth)
      .send({ access: 'invitation' })
      .expect(200);
    expect(restricted.body.access).toBe('invitation');
    expect((await t.http.patch(`/api/campaigns/${open.id}`).set(t.auth).send({}).expect(200)).body.access).toBe(
      'invitation',
    );
  });

  it('an invitation token gives one response', async () => {
    const evaluation = await importBundle();
    const c = await newCampaign(evaluation.id, { access: 'invitation' });
    const inv = await t.http
      .post(`/api/campaigns/${c.id}/invitations`)
      .set(t.auth)
      .send({ count: 2, segment: 'statut', group: 'non_associes' })
      .expect(201);
    const [first, second] = inv.body.invitations as { token: string; url: string }[];
    expect(first!.token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    const data = { ...coopart.responses().responses[0]!.data };
    delete data.statut;
    const url = (id: string) => `/api/public/campaigns/${c.slug}/responses/${id}`;
    const r1 = randomUUID();
    await t.http.put(url(r1)).send({ status: 'complete', data }).expect(403);
    await t.http.put(url(r1)).send({ status: 'complete', data, token: 'faux' }).expect(403);
    await t.http.put(url(r1)).send({ status: 'complete', data, token: first!.token }).expect(201);
    const reuse = await t.http
      .put(url(randomUUID()))
      .send({ status: 'complete', data, token: first!.token })
      .expect(409);
    expect(reuse.body.code).toBe('INVITATION_USED');
    await t.http.put(url(randomUUID())).send({ status: 'complete', data, token: second!.token }).expect(201);
    const results = await t.http.get(`/api/campaigns/${c.id}/results`).set(t.auth).expect(200);
    // The invitation's segment answered "statut" for the respondents.
    expect(results.body.respondents.segments.statut).toEqual({ associes: 0, non_associes: 2 });
    const status = await t.http.get(`/api/campaigns/${c.id}`).set(t.auth).expect(200);
    expect(status.body.invitations).toEqual({ total: 2, used: 2 });
  });

  it('internal data can be entered and changes the results', async () => {
    const evaluation = await importBundle();
    const c = await newCampaign(evaluation.id);
    const before = (await t.http.get(`/api/campaigns/${c.id}/results`).set(t.auth).expect(200)).body;
    const res = await t.http
      .put(`/api/evaluations/${evaluation.id}/internal-data/societaires_2025`)
      .set(t.auth)
      .send({ value: 140, period: '2025', source: 'registre des sociétaires' })
      .expect(200);
    expect(res.body).toMatchObject({ code: 'societaires_2025', value: 140, source: 'registre des sociétaires' });
    const after = (await t.http.get(`/api/campaigns/${c.id}/results`).set(t.auth).expect(200)).body;
    expect(after).not.toEqual(before);
    const detail = await t.http.get(`/api/evaluations/${evaluation.id}`).set(t.auth).expect(200);
    expect(detail.body.internalData.find((d: { code: string }) => d.code === 'societaires_2025').value).toBe(140);
    await t.http
      .put(`/api/evaluations/${evaluation.id}/internal-data/nouveau`)
      .set(t.auth)
      .send({ value: 3 })
      .expect(422);
    await t.http
      .put(`/api/evaluations/${evaluation.id}/internal-data/nouveau`)
      .set(t.auth)
      .send({ value: 3, label: 'Nouveau' })
      .expect(200);
  });

  it('a questionnaire version with responses is never modified: a change makes a new version', async () => {
    const evaluation = await importBundle();
    const q = coopart.bundle().questionnaire;
    q.title = 'Questionnaire retouché';
    const inPlace = await t.http
      .put(`/api/evaluations/${evaluation.id}/questionnaire`)
      .set(t.auth)
      .send({ questionnaire: q })
      .expect(200);
    expect(inPlace.body).toEqual({ questionnaireVersion: 1, newVersion: false });
    const c = await newCampaign(evaluation.id);
    await t.http.post(`/api/campaigns/${c.id}/responses/import`).set(t.auth).send(coopart.responses()).expect(201);
    q.title = 'Questionnaire 2';
    const next = await t.http
      .put(`/api/evaluations/${evaluation.id}/questionnaire`)
      .set(t.auth)
      .send({ questionnaire: q })
      .expect(200);
    expect(next.body).toEqual({ questionnaireVersion: 2, newVersion: true });
    // The running campaign keeps the version its responses were given on.
    expect((await t.http.get(`/api/public/campaigns/${c.slug}`).expect(200)).body.questionnaire.title).toBe(
      'Questionnaire retouché',
    );
    const later = await newCampaign(evaluation.id);
    expect((await t.http.get(`/api/public/campaigns/${later.slug}`).expect(200)).body.questionnaire.title).toBe(
      'Questionnaire 2',
    );
    // A questionnaire that loses a question used by an indicator is refused.
    const broken = { ...q, pages: [] };
    const refused = await t.http
      .put(`/api/evaluations/${evaluation.id}/questionnaire`)
      .set(t.auth)
      .send({ questionnaire: broken })
      .expect(422);
    expect(refused.body.code).toBe('INVALID_QUESTIONNAIRE');
  });

  it('lists evaluations and campaigns with counts', async () => {
    const list = await t.http.get('/api/evaluations').set(t.auth).expect(200);
    expect(list.body.length).toBeGreaterThan(0);
    const e = list.body[0];
    expect(e.counts.indicators).toBeGreaterThan(0);
    const campaigns = await t.http.get(`/api/evaluations/${e.id}/campaigns`).set(t.auth).expect(200);
    expect(Array.isArray(campaigns.body)).toBe(true);
    await t.http.get('/api/evaluations/999999').set(t.auth).expect(404);
  });

  it('cookie sessions: HttpOnly SameSite=Strict, writes need the CSRF token', async () => {
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'admin@example.org', password: 'correct horse battery staple' })
      .expect(200);
    const cookies = login.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith('trame_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const csrf = login.body.csrfToken as string;
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const me = await t.http.get('/api/auth/me').set('Cookie', jar).expect(200);
    expect(me.body.email).toBe('admin@example.org');
    const refused = await t.http.post('/api/evaluations').set('Cookie', jar).send(coopart.bundle()).expect(403);
    expect(refused.body.code).toBe('CSRF');
    await t.http
      .post('/api/evaluations')
      .set('Cookie', jar)
      .set('X-CSRF-Token', 'autre')
      .send(coopart.bundle())
      .expect(403);
    await t.http
      .post('/api/evaluations')
      .set('Cookie', jar)
      .set('X-CSRF-Token', csrf)
      .send(coopart.bundle())
      .expect(201);
    await t.http.post('/api/auth/logout').set('Cookie', jar).set('X-CSRF-Token', csrf).expect(204);
    await t.http.get('/api/auth/me').set('Cookie', jar).expect(401);
  });
});
