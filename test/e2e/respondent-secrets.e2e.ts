import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { coopartCampaign } from '../support/factory.js';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/**
 * Issue 7: what a respondent's link opens (a response only with what created it, no public draft), and
 * the save path's shared state (no campaign row written by every save, results never stale).
 */
describe.each(DATABASES)('respondent secrets and the save path on %s', (kind) => {
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

  const answers = () => ({ ...coopart.responses().responses[0]!.data });
  const newCampaign = (body: Record<string, unknown> = {}) => coopartCampaign(t, body);
  const invitations = async (campaignId: number, count: number) =>
    (
      (await t.http.post(`/api/campaigns/${campaignId}/invitations`).set(t.auth).send({ count }).expect(201)).body
        .invitations as { token: string }[]
    ).map((i) => i.token);
  const stored = async (campaignId: number, uuid: string) => {
    const rows: { status: string; data: string }[] = await t.app
      .get(DataSource)
      .query(
        kind === 'postgres'
          ? 'SELECT status, data FROM response WHERE campaign_id = $1 AND uuid = $2'
          : 'SELECT status, data FROM response WHERE campaign_id = ? AND uuid = ?',
        [campaignId, uuid],
      );
    return rows[0] ? { status: rows[0].status, data: JSON.parse(rows[0].data) as Record<string, unknown> } : null;
  };

  describe('a response opens only with the token it was created with', () => {
    it('another invitation’s token neither reads nor overwrites a partial response: 404, as an unknown one', async () => {
      const c = await newCampaign({ access: 'invitation' });
      const [mine, theirs] = await invitations(c.id, 2);
      const url = (id: string) => `/api/public/campaigns/${c.slug}/responses/${id}`;
      const victim = randomUUID();
      await t.http
        .put(url(victim))
        .send({ status: 'partial', data: { statut: 'associe', commentaire_libre: 'confidentiel' }, token: theirs })
        .expect(201);

      const unknown = await t.http.get(`${url(randomUUID())}?token=${mine}`).expect(404);
      const read = await t.http.get(`${url(victim)}?token=${mine}`).expect(404);
      expect(read.body).toEqual(unknown.body);
      expect(JSON.stringify(read.body)).not.toContain('confidentiel');
      const partial = await t.http
        .put(url(victim))
        .send({ status: 'partial', data: { statut: 'non_associe' }, token: mine })
        .expect(404);
      expect(partial.body.code).toBe('RESPONSE_NOT_FOUND');
      await t.http.put(url(victim)).send({ status: 'complete', data: answers(), token: mine }).expect(404);
      expect(await stored(c.id, victim)).toEqual({
        status: 'partial',
        data: { statut: 'associe', commentaire_libre: 'confidentiel' },
      });

      // Its own token still opens it; the other invitation was not spent on it and gives its own response.
      const own = await t.http.get(`${url(victim)}?token=${theirs}`).expect(200);
      expect(own.body.data).toEqual({ statut: 'associe', commentaire_libre: 'confidentiel' });
      await t.http.put(url(randomUUID())).send({ status: 'complete', data: answers(), token: mine }).expect(201);
      await t.http.put(url(victim)).send({ status: 'complete', data: answers(), token: theirs }).expect(200);
      // A complete response is no more open to another token: no replay answer either.
      await t.http.put(url(victim)).send({ status: 'complete', data: answers(), token: mine }).expect(404);
      await t.http.get(`${url(victim)}?token=${mine}`).expect(404);
    });

    it('a response follows its invitation when the campaign changes access', async () => {
      const c = await newCampaign({ access: 'invitation' });
      const [token] = await invitations(c.id, 1);
      const url = (id: string) => `/api/public/campaigns/${c.slug}/responses/${id}`;
      const invited = randomUUID();
      await t.http
        .put(url(invited))
        .send({ status: 'partial', data: { statut: 'associe' }, token })
        .expect(201);
      await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ access: 'public' }).expect(200);
      // Open now, but this response was created with an invitation: its id alone does not open it.
      await t.http.get(url(invited)).expect(404);
      await t.http
        .put(url(invited))
        .send({ status: 'partial', data: { statut: 'non_associe' } })
        .expect(404);
      expect((await t.http.get(`${url(invited)}?token=${token}`).expect(200)).body.data).toEqual({ statut: 'associe' });
      await t.http
        .put(url(invited))
        .send({ status: 'partial', data: { statut: 'non_associe' }, token })
        .expect(200);
      // A response started while the campaign was open is not opened by an invitation once it is not.
      const open = randomUUID();
      await t.http
        .put(url(open))
        .send({ status: 'partial', data: { statut: 'associe' } })
        .expect(201);
      await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ access: 'invitation' }).expect(200);
      const [other] = await invitations(c.id, 1);
      await t.http.get(`${url(open)}?token=${other}`).expect(404);
      await t.http
        .put(url(open))
        .send({ status: 'partial', data: { statut: 'non_associe' }, token: other })
        .expect(404);
      expect((await stored(c.id, open))!.data).toEqual({ statut: 'associe' });
    });

    it('imported responses are not open to the public routes (their ids come from a file)', async () => {
      const c = await newCampaign();
      const id = randomUUID();
      await t.http
        .post(`/api/campaigns/${c.id}/responses/import`)
        .set(t.auth)
        .send({
          format: 'trame-responses/1',
          responses: [
            { id: 'coopart-001', status: 'complete', data: answers() },
            { id, status: 'partial', data: { statut: 'associe' } },
          ],
        })
        .expect(201);
      await t.http.get(`/api/public/campaigns/${c.slug}/responses/coopart-001`).expect(404);
      await t.http.get(`/api/public/campaigns/${c.slug}/responses/${id}`).expect(404);
      await t.http
        .put(`/api/public/campaigns/${c.slug}/responses/${id}`)
        .send({ status: 'complete', data: answers() })
        .expect(404);
      expect(await stored(c.id, id)).toEqual({ status: 'partial', data: { statut: 'associe' } });
    });

    it('in an open campaign the UUID still resumes a response, on any device', async () => {
      const c = await newCampaign();
      const url = `/api/public/campaigns/${c.slug}/responses/${randomUUID()}`;
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe' } })
        .expect(201);
      expect((await t.http.get(url).expect(200)).body).toMatchObject({
        status: 'partial',
        data: { statut: 'associe' },
      });
      await t.http.put(url).send({ status: 'complete', data: answers() }).expect(200);
    });
  });

  it('a draft campaign is not public: 404 as an unknown slug, saves refused', async () => {
    const c = await newCampaign({ status: 'draft', title: 'Brouillon secret' });
    const unknown = await t.http.get('/api/public/campaigns/pas-de-campagne').expect(404);
    const draft = await t.http.get(`/api/public/campaigns/${c.slug}`).expect(404);
    expect(draft.body).toEqual(unknown.body);
    expect(JSON.stringify(draft.body)).not.toContain('Brouillon secret');
    const id = randomUUID();
    const save = await t.http
      .put(`/api/public/campaigns/${c.slug}/responses/${id}`)
      .send({ status: 'complete', data: answers() })
      .expect(404);
    expect(save.body.code).toBe(unknown.body.code);
    await t.http.get(`/api/public/campaigns/${c.slug}/responses/${id}`).expect(404);
    expect(await stored(c.id, id)).toBeNull();
    // The working group still sees it, and once opened it is public.
    expect((await t.http.get(`/api/campaigns/${c.id}`).set(t.auth).expect(200)).body.title).toBe('Brouillon secret');
    await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ status: 'open' }).expect(200);
    expect((await t.http.get(`/api/public/campaigns/${c.slug}`).expect(200)).body.title).toBe('Brouillon secret');
    await t.http
      .put(`/api/public/campaigns/${c.slug}/responses/${id}`)
      .send({ status: 'complete', data: answers() })
      .expect(201);
  });

  describe('the save path', () => {
    it('a complete save writes no row shared by the campaign’s saves', async () => {
      const c = await newCampaign();
      const campaignRow = async () =>
        JSON.stringify(
          await t.app
            .get(DataSource)
            .query(
              kind === 'postgres' ? 'SELECT * FROM campaign WHERE id = $1' : 'SELECT * FROM campaign WHERE id = ?',
              [c.id],
            ),
        );
      const before = await campaignRow();
      for (let i = 0; i < 3; i++)
        await t.http
          .put(`/api/public/campaigns/${c.slug}/responses/${randomUUID()}`)
          .send({ status: 'complete', data: answers() })
          .expect(201);
      expect(await campaignRow()).toBe(before);
    });

    if (kind === 'postgres') {
      // What a save's `UPDATE campaign SET revision = …` took: saves of one campaign queued behind it.
      it('saves do not wait for a write lock on the campaign’s row', async () => {
        const c = await newCampaign();
        const holder = new pg.Client({
          connectionString: t.config.database.type === 'postgres' ? t.config.database.url : '',
        });
        await holder.connect();
        try {
          await holder.query('BEGIN');
          await holder.query('SELECT id FROM campaign WHERE id = $1 FOR NO KEY UPDATE', [c.id]);
          const started = Date.now();
          await t.http
            .put(`/api/public/campaigns/${c.slug}/responses/${randomUUID()}`)
            .send({ status: 'complete', data: answers() })
            .timeout(5000)
            .expect(201);
          expect(Date.now() - started).toBeLessThan(2000);
        } finally {
          await holder.query('ROLLBACK');
          await holder.end();
        }
      });
    }

    it('two saves of one response at once: one completes it, the other does not overwrite it', async () => {
      const c = await newCampaign();
      for (let round = 0; round < 10; round++) {
        const id = randomUUID();
        const url = `/api/public/campaigns/${c.slug}/responses/${id}`;
        await t.http
          .put(url)
          .send({ status: 'partial', data: { statut: 'associe' } })
          .expect(201);
        const a = { ...answers(), statut: 'associe' };
        const b = { ...answers(), statut: 'non_associe', profil: 'autre' };
        const [ra, rb] = await Promise.all([
          t.http.put(url).send({ status: 'complete', data: a }),
          t.http.put(url).send({ status: 'complete', data: b }),
        ]);
        expect([ra.status, rb.status].sort()).toEqual([200, 409]);
        expect((await stored(c.id, id))!.data).toEqual(ra.status === 200 ? a : b);
      }
    });

    it('one invitation used by two new responses at once gives one response', async () => {
      const c = await newCampaign({ access: 'invitation' });
      const tokens = await invitations(c.id, 10);
      for (const token of tokens) {
        const put = () =>
          t.http
            .put(`/api/public/campaigns/${c.slug}/responses/${randomUUID()}`)
            .send({ status: 'complete', data: answers(), token });
        const statuses = (await Promise.all([put(), put()])).map((r) => r.status).sort();
        expect(statuses).toEqual([201, 409]);
      }
      expect((await t.http.get(`/api/campaigns/${c.id}`).set(t.auth).expect(200)).body.responses.complete).toBe(10);
    });
  });

  it('a save is checked against the campaign as it is now, not as this process last read it', async () => {
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body;
    const c = (
      await t.http
        .post(`/api/evaluations/${evaluation.id}/campaigns`)
        .set(t.auth)
        .send({ title: 'Vivante' })
        .expect(201)
    ).body as { id: number; slug: string };
    const url = () => `/api/public/campaigns/${c.slug}/responses/${randomUUID()}`;
    const withComment = { ...answers(), commentaire_libre: 'merci' };
    // The page is read (this process keeps its context), then the questionnaire loses a question: there
    // is no response yet, so the version is changed in place.
    await t.http.get(`/api/public/campaigns/${c.slug}`).expect(200);
    const q = coopart.bundle().questionnaire;
    const drop = (els: { name?: string; elements?: unknown[] }[]): unknown[] =>
      els
        .filter((e) => e.name !== 'commentaire_libre')
        .map((e) => (e.elements ? { ...e, elements: drop(e.elements as typeof els) } : e));
    q.pages = (q.pages as { elements: { name?: string }[] }[]).map((p) => ({ ...p, elements: drop(p.elements) }));
    const changed = await t.http
      .put(`/api/evaluations/${evaluation.id}/questionnaire`)
      .set(t.auth)
      .send({ questionnaire: q })
      .expect(200);
    expect(changed.body.newVersion).toBe(false);
    const refused = await t.http.put(url()).send({ status: 'complete', data: withComment }).expect(422);
    expect(refused.body.details.errors[0].path).toBe('commentaire_libre');
    await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(201);
    // Dates, status and access, each changed after a save.
    await t.http
      .patch(`/api/campaigns/${c.id}`)
      .set(t.auth)
      .send({ closesAt: new Date(Date.now() - 1000).toISOString(), opensAt: '2020-01-01T00:00:00Z' })
      .expect(200);
    expect((await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(410)).body.code).toBe(
      'CAMPAIGN_CLOSED',
    );
    await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ closesAt: null }).expect(200);
    await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(201);
    await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ status: 'closed' }).expect(200);
    await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(410);
    await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ status: 'open' }).expect(200);
    await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(201);
    await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ access: 'invitation' }).expect(200);
    expect((await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(403)).body.code).toBe(
      'INVITATION_REQUIRED',
    );
    await t.http.patch(`/api/campaigns/${c.id}`).set(t.auth).send({ status: 'draft' }).expect(200);
    await t.http.put(url()).send({ status: 'complete', data: answers() }).expect(404);
    expect((await t.http.get(`/api/campaigns/${c.id}`).set(t.auth).expect(200)).body.responses).toEqual({
      complete: 3,
      partial: 0,
    });
  });

  describe('results are never stale', () => {
    const total = async (id: number) =>
      (await t.http.get(`/api/campaigns/${id}/results`).set(t.auth).expect(200)).body.respondents.total as number;

    it('after each save, each import and while saves arrive', async () => {
      const c = await newCampaign();
      expect(await total(c.id)).toBe(0);
      const put = (status: 'partial' | 'complete', id = randomUUID()) =>
        t.http
          .put(`/api/public/campaigns/${c.slug}/responses/${id}`)
          .send({ status, data: status === 'complete' ? answers() : { statut: 'associe' } });
      await put('complete').expect(201);
      expect(await total(c.id)).toBe(1);
      const partial = randomUUID();
      await put('partial', partial).expect(201);
      expect(await total(c.id)).toBe(1);
      await put('complete', partial).expect(200);
      expect(await total(c.id)).toBe(2);
      await t.http.post(`/api/campaigns/${c.id}/responses/import`).set(t.auth).send(coopart.responses()).expect(201);
      expect(await total(c.id)).toBe(87);
      // Results asked for while saves are being acknowledged: each answer counts at least every save
      // acknowledged before it was asked for.
      let acknowledged = 87;
      const checks: Promise<void>[] = [];
      for (let i = 0; i < 40; i++) {
        await put('complete').expect(201);
        acknowledged++;
        const floor = acknowledged;
        checks.push(total(c.id).then((n) => expect(n).toBeGreaterThanOrEqual(floor)));
      }
      await Promise.all(checks);
      expect(await total(c.id)).toBe(127);
    }, 60_000);
  });
});
