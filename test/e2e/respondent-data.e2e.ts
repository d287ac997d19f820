import { randomUUID } from 'node:crypto';
import { coopartCampaign } from '../support/factory.js';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/**
 * Issue 9: no silent overwrite between two devices (revisions, 409 with the current answers), invitations
 * checked before the notice, and a notice whose required fields must be filled for the campaign to open.
 */
describe.each(DATABASES)('respondent data on %s', (kind) => {
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
  const newEvaluation = async () =>
    (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body as { id: number };
  const newCampaign = (body: Record<string, unknown> = {}) =>
    coopartCampaign<{ id: number; slug: string; privacy: Record<string, string | null>; privacyMissing: string[] }>(
      t,
      body,
    );

  describe('revisions: a stale device does not overwrite', () => {
    it('each save returns the next revision; a save based on an older one is 409 with the current answers', async () => {
      const c = await newCampaign();
      const url = `/api/public/campaigns/${c.slug}/responses/${randomUUID()}`;
      const first = await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe' } })
        .expect(201);
      expect(first.body.revision).toBe(1);
      // Device A saves on revision 1, then device B, which also read revision 1, tries to.
      const a = await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe', commentaire_libre: 'de A' }, baseRevision: 1 })
        .expect(200);
      expect(a.body.revision).toBe(2);
      const b = await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'non_associe' }, baseRevision: 1 })
        .expect(409);
      expect(b.body.code).toBe('RESPONSE_CHANGED');
      expect(b.body.details).toMatchObject({ revision: 2, data: { statut: 'associe', commentaire_libre: 'de A' } });
      // B chose: it saves on revision 2.
      const chosen = await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'non_associe', commentaire_libre: 'de A' }, baseRevision: 2 })
        .expect(200);
      expect(chosen.body.revision).toBe(3);
      const resumed = await t.http.get(url).expect(200);
      expect(resumed.body).toMatchObject({ revision: 3, data: { statut: 'non_associe', commentaire_libre: 'de A' } });
    });

    it('a retry of the same answers on an old revision is acknowledged, not a conflict', async () => {
      const c = await newCampaign();
      const url = `/api/public/campaigns/${c.slug}/responses/${randomUUID()}`;
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe' } })
        .expect(201);
      const body = { status: 'partial', data: { statut: 'non_associe' }, baseRevision: 1 };
      await t.http.put(url).send(body).expect(200);
      const again = await t.http.put(url).send(body).expect(200);
      expect(again.body.revision).toBe(2);
    });

    it('a stale completion is refused too; a save without baseRevision applies as before', async () => {
      const c = await newCampaign();
      const url = `/api/public/campaigns/${c.slug}/responses/${randomUUID()}`;
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe' } })
        .expect(201);
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'non_associe' } })
        .expect(200);
      const stale = await t.http.put(url).send({ status: 'complete', data: answers(), baseRevision: 1 }).expect(409);
      expect(stale.body.code).toBe('RESPONSE_CHANGED');
      const done = await t.http.put(url).send({ status: 'complete', data: answers(), baseRevision: 2 }).expect(200);
      expect(done.body).toMatchObject({ status: 'complete', revision: 3 });
    });

    it('a resume link never shows a sent response: 409, without its answers', async () => {
      const c = await newCampaign();
      const url = `/api/public/campaigns/${c.slug}/responses/${randomUUID()}`;
      await t.http.put(url).send({ status: 'complete', data: answers() }).expect(201);
      const res = await t.http.get(url).expect(409);
      expect(res.body.code).toBe('RESPONSE_ALREADY_COMPLETE');
      expect(JSON.stringify(res.body)).not.toContain(String(answers().statut));
    });
  });

  describe('invitations checked up front', () => {
    const invite = async (campaignId: number, count = 1) =>
      (
        (await t.http.post(`/api/campaigns/${campaignId}/invitations`).set(t.auth).send({ count }).expect(201)).body
          .invitations as { token: string }[]
      ).map((i) => i.token);

    it('unknown, another campaign’s, used: refused before the questionnaire; in progress: its response', async () => {
      const c = await newCampaign({ access: 'invitation' });
      const other = await newCampaign({ access: 'invitation' });
      const [token] = await invite(c.id);
      const [foreign] = await invite(other.id);
      const describe = (tok: string) => t.http.get(`/api/public/campaigns/${c.slug}?token=${encodeURIComponent(tok)}`);

      const fresh = await describe(token!).expect(200);
      expect(fresh.body.invitation).toEqual({ responseId: null });
      for (const bad of ['inconnu', foreign!]) {
        const res = await describe(bad).expect(404);
        expect(res.body.code).toBe('INVITATION_NOT_FOUND');
        expect(res.body.message).toMatch(/lien d’invitation n’est pas valable/);
        expect(res.body).not.toHaveProperty('questionnaire');
      }

      const uuid = randomUUID();
      const url = `/api/public/campaigns/${c.slug}/responses/${uuid}`;
      await t.http
        .put(url)
        .send({ status: 'partial', data: { statut: 'associe' }, token })
        .expect(201);
      expect((await describe(token!).expect(200)).body.invitation).toEqual({ responseId: uuid });

      await t.http.put(url).send({ status: 'complete', data: answers(), token }).expect(200);
      const used = await describe(token!).expect(409);
      expect(used.body.code).toBe('INVITATION_USED');
      expect(used.body.message).toMatch(/déjà servi/);
    });

    it('without a token the description is unchanged (invitation: null)', async () => {
      const c = await newCampaign();
      const res = await t.http.get(`/api/public/campaigns/${c.slug}`).expect(200);
      expect(res.body.invitation).toBeNull();
    });
  });

  describe('the notice (RGPD)', () => {
    it('is pre-filled from the organisation and the member who opens the campaign, and public', async () => {
      const c = await newCampaign();
      expect(c.privacy).toMatchObject({ controller: "Coop'Art", policyUrl: null });
      expect(c.privacy.contact).toMatch(/@/);
      for (const k of ['purpose', 'legalBasis', 'retention', 'recipients', 'rights']) expect(c.privacy[k]).not.toBe('');
      expect(c.privacy.rights).toMatch(/accéder.*rectifier.*effacer.*opposer/);
      expect(c.privacyMissing).toEqual([]);
      const pub = await t.http.get(`/api/public/campaigns/${c.slug}`).expect(200);
      expect(pub.body.privacy).toEqual(c.privacy);
    });

    it('a campaign cannot open while a required field is empty: 422 naming the fields in French', async () => {
      const evaluation = await newEvaluation();
      const refused = await t.http
        .post(`/api/evaluations/${evaluation.id}/campaigns`)
        .set(t.auth)
        .send({ title: 'Sans contact', privacy: { contact: '', retention: ' ' } })
        .expect(422);
      expect(refused.body.code).toBe('PRIVACY_NOTICE_INCOMPLETE');
      expect(refused.body.message).toMatch(/contact pour exercer vos droits, durée de conservation/);
      expect(refused.body.details.errors.map((e: { path: string }) => e.path)).toEqual([
        'privacy.contact',
        'privacy.retention',
      ]);

      const draft = await newCampaign({ status: 'draft', privacy: { contact: '' } });
      expect(draft.privacyMissing).toEqual(['contact']);
      await t.http.patch(`/api/campaigns/${draft.id}`).set(t.auth).send({ status: 'open' }).expect(422);
      const opened = await t.http
        .patch(`/api/campaigns/${draft.id}`)
        .set(t.auth)
        .send({ status: 'open', privacy: { contact: 'dpo@example.org', policyUrl: 'https://example.org/rgpd' } })
        .expect(200);
      expect(opened.body).toMatchObject({ status: 'open', privacyMissing: [] });
      expect(opened.body.privacy).toMatchObject({ contact: 'dpo@example.org', policyUrl: 'https://example.org/rgpd' });

      // Clearing a field of an open campaign is refused the same way; a policy link must be http(s).
      await t.http
        .patch(`/api/campaigns/${draft.id}`)
        .set(t.auth)
        .send({ privacy: { controller: '' } })
        .expect(422);
      await t.http
        .patch(`/api/campaigns/${draft.id}`)
        .set(t.auth)
        .send({ privacy: { policyUrl: 'javascript:alert(1)' } })
        .expect(400);
      const pub = await t.http.get(`/api/public/campaigns/${draft.slug}`).expect(200);
      expect(pub.body.privacy.policyUrl).toBe('https://example.org/rgpd');
    });
  });
});
