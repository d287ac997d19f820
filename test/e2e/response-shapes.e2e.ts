import { randomUUID } from 'node:crypto';
import {
  type Campaign,
  type CampaignDetail,
  type CampaignListItem,
  type CreatedInvitations,
  type EvaluationCreated,
  type EvaluationDetail,
  type EvaluationSummary,
  type ImportResult,
  type MemberView,
  type OrganisationView,
  responseSchemas,
  type ResponseSchemaName,
  type SessionView,
  type StoredResponse,
  type SubmissionResult,
} from '@trame/shared';
import type { z } from 'zod';
import type { OrganisationsService } from '../../server/src/modules/accounts/organisations.service.js';
import type { AuthService } from '../../server/src/modules/auth/auth.service.js';
import type { CampaignsService } from '../../server/src/modules/campaigns/campaigns.service.js';
import type { EvaluationsService } from '../../server/src/modules/evaluations/evaluations.service.js';
import type { PublicResponsesService } from '../../server/src/modules/responses/public-responses.service.js';
import type { ResponseImportService } from '../../server/src/modules/responses/response-import.service.js';
import { MEMBER_PASSWORD } from '../support/factory.js';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/**
 * The contract holds at run time: the JSON the real app sends on its main routes is parsed with the zod
 * schema its OpenAPI document names for that route and status (strict objects: an extra, missing or
 * mistyped field fails). A service that drifts from its response schema, or a route whose decorator points
 * at the wrong schema, fails here.
 */
describe.each(DATABASES)('response shapes on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const checked = new Set<string>();

  /** Parses `body` with the schema the document gives for `METHOD path` and `status`. */
  function expectContract(route: string, status: number, body: unknown): void {
    const [method, path] = route.split(' ') as [string, string];
    const op = doc.paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${route} is not in the OpenAPI document`);
    const response = op.responses[String(status)] ?? op.responses.default;
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${route} documents no JSON body for ${status}`);
    const ref = schema.$ref ?? schema.items?.$ref;
    const name = ref?.replace('#/components/schemas/', '') as ResponseSchemaName | undefined;
    if (!name || !(name in responseSchemas)) throw new Error(`${route} ${status}: no contract schema (${ref})`);
    const zod = responseSchemas[name];
    const parsed = schema.items ? zod.array().safeParse(body) : zod.safeParse(body);
    if (!parsed.success)
      throw new Error(`${route} ${status} does not match ${name}:\n${JSON.stringify(parsed.error.issues, null, 1)}`);
    checked.add(`${route} ${status}`);
  }

  it('every main route answers the shape its schema describes', async () => {
    const health = await t.http.get('/api/health').expect(200);
    expectContract('GET /api/health', 200, health.body);

    const token = await t.http
      .post('/api/auth/token')
      .send({ email: 'admin@example.org', password: 'correct horse battery staple', label: 'contrat' })
      .expect(200);
    expectContract('POST /api/auth/token', 200, token.body);
    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'admin@example.org', password: 'correct horse battery staple' })
      .expect(200);
    expectContract('POST /api/auth/login', 200, login.body);
    expectContract('GET /api/auth/me', 200, (await t.http.get('/api/auth/me').set(t.auth).expect(200)).body);
    const sessions = await t.http.get('/api/auth/sessions').set(t.auth).expect(200);
    expectContract('GET /api/auth/sessions', 200, sessions.body);

    const created = await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201);
    expectContract('POST /api/evaluations', 201, created.body);
    const evaluationId = (created.body as { id: number }).id;
    expectContract('GET /api/evaluations', 200, (await t.http.get('/api/evaluations').set(t.auth).expect(200)).body);
    const detail = await t.http.get(`/api/evaluations/${evaluationId}`).set(t.auth).expect(200);
    expectContract('GET /api/evaluations/{id}', 200, detail.body);
    const bare = coopart.bundle() as Record<string, unknown>;
    delete bare.organization;
    delete bare.settings;
    delete bare.description;
    const bareId = ((await t.http.post('/api/evaluations').set(t.auth).send(bare).expect(201)).body as { id: number })
      .id;
    const bareDetail = await t.http.get(`/api/evaluations/${bareId}`).set(t.auth).expect(200);
    expectContract('GET /api/evaluations/{id}', 200, bareDetail.body);
    const bundle = await t.http.get(`/api/evaluations/${evaluationId}/bundle`).set(t.auth).expect(200);
    expectContract('GET /api/evaluations/{id}/bundle', 200, bundle.body);
    const datum = await t.http
      .put(`/api/evaluations/${evaluationId}/internal-data/societaires_2025`)
      .set(t.auth)
      .send({ value: 140, period: '2025', source: 'registre' })
      .expect(200);
    expectContract('PUT /api/evaluations/{id}/internal-data/{code}', 200, datum.body);
    const questionnaire = await t.http
      .put(`/api/evaluations/${evaluationId}/questionnaire`)
      .set(t.auth)
      .send({ questionnaire: coopart.bundle().questionnaire })
      .expect(200);
    expectContract('PUT /api/evaluations/{id}/questionnaire', 200, questionnaire.body);

    const campaign = await t.http
      .post(`/api/evaluations/${evaluationId}/campaigns`)
      .set(t.auth)
      .send({ title: 'Enquête 2026', closesAt: '2099-01-01T00:00:00+01:00' })
      .expect(201);
    expectContract('POST /api/evaluations/{id}/campaigns', 201, campaign.body);
    const { id: campaignId, slug } = campaign.body as { id: number; slug: string };
    const list = await t.http.get(`/api/evaluations/${evaluationId}/campaigns`).set(t.auth).expect(200);
    expectContract('GET /api/evaluations/{id}/campaigns', 200, list.body);
    expectContract(
      'GET /api/campaigns/{id}',
      200,
      (await t.http.get(`/api/campaigns/${campaignId}`).set(t.auth).expect(200)).body,
    );
    const patched = await t.http.patch(`/api/campaigns/${campaignId}`).set(t.auth).send({ title: 'Enquête' });
    expectContract('PATCH /api/campaigns/{id}', 200, patched.body);
    const imported = await t.http
      .post(`/api/campaigns/${campaignId}/responses/import`)
      .set(t.auth)
      .send(coopart.responses())
      .expect(201);
    expectContract('POST /api/campaigns/{id}/responses/import', 201, imported.body);
    const results = await t.http.get(`/api/campaigns/${campaignId}/results`).set(t.auth).expect(200);
    expectContract('GET /api/campaigns/{id}/results', 200, results.body);

    const open = await t.http.get(`/api/public/campaigns/${slug}`).expect(200);
    expectContract('GET /api/public/campaigns/{slug}', 200, open.body);
    const uuid = randomUUID();
    const url = `/api/public/campaigns/${slug}/responses/${uuid}`;
    const first = await t.http
      .put(url)
      .send({ status: 'partial', data: { statut: 'associe' } })
      .expect(201);
    expectContract('PUT /api/public/campaigns/{slug}/responses/{uuid}', 201, first.body);
    // Read while partial: a sent response is never shown again by its link (issue 9).
    expectContract('GET /api/public/campaigns/{slug}/responses/{uuid}', 200, (await t.http.get(url).expect(200)).body);
    const again = await t.http
      .put(url)
      .send({ status: 'complete', data: { ...coopart.responses().responses[0]!.data } })
      .expect(200);
    expectContract('PUT /api/public/campaigns/{slug}/responses/{uuid}', 200, again.body);
    await t.http.get(url).expect(409);

    const invitation = await t.http
      .post(`/api/evaluations/${evaluationId}/campaigns`)
      .set(t.auth)
      .send({ title: 'Sur invitation', access: 'invitation', opensAt: '2099-01-01T00:00:00Z' })
      .expect(201);
    const invited = invitation.body as { id: number; slug: string };
    const tokens = await t.http
      .post(`/api/campaigns/${invited.id}/invitations`)
      .set(t.auth)
      .send({ count: 2, segment: 'statut', group: 'associes' })
      .expect(201);
    expectContract('POST /api/campaigns/{id}/invitations', 201, tokens.body);
    const notYetOpen = await t.http.get(`/api/public/campaigns/${invited.slug}`).expect(200);
    expectContract('GET /api/public/campaigns/{slug}', 200, notYetOpen.body);

    const revoked = await t.http.post('/api/auth/password').set(t.auth).send({
      currentPassword: 'correct horse battery staple',
      newPassword: 'correct horse battery staple',
    });
    // Same password again: refused as guessable or unchanged, with the uniform error body.
    expectContract('POST /api/auth/password', revoked.status, revoked.body);
    expect(checked.size).toBeGreaterThanOrEqual(23);
  });

  it('organisations and members answer their shapes', async () => {
    const organisation = await t.http.post('/api/organisations').set(t.auth).send({ name: 'Coop B' }).expect(201);
    expectContract('POST /api/organisations', 201, organisation.body);
    const members = `/api/organisations/${(organisation.body as { id: number }).id}/members`;
    const added = await t.http
      .post(members)
      .set(t.auth)
      .send({ email: `membre-${randomUUID().slice(0, 8)}@example.org`, role: 'viewer', password: MEMBER_PASSWORD })
      .expect(201);
    expectContract('POST /api/organisations/{id}/members', 201, added.body);
    const userId = (added.body as { userId: number }).userId;
    expectContract(
      'GET /api/organisations/{id}/members',
      200,
      (await t.http.get(members).set(t.auth).expect(200)).body,
    );
    const changed = await t.http.patch(`${members}/${userId}`).set(t.auth).send({ role: 'editor' }).expect(200);
    expectContract('PATCH /api/organisations/{id}/members/{userId}', 200, changed.body);
    const refused = await t.http.post(members).set(t.auth).send({ email: 'pas une adresse', role: 'chef' }).expect(400);
    expectContract('POST /api/organisations/{id}/members', 400, refused.body);
  });

  it('errors have the uniform body', async () => {
    const notFound = await t.http.get('/api/evaluations/999999').set(t.auth).expect(404);
    expectContract('GET /api/evaluations/{id}', 404, notFound.body);
    const invalid = await t.http.post('/api/evaluations').set(t.auth).send({ format: 'trame-bundle/2' }).expect(422);
    expectContract('POST /api/evaluations', 422, invalid.body);
    const badBody = await t.http.post('/api/auth/token').send({ email: '' }).expect(400);
    expectContract('POST /api/auth/token', 400, badBody.body);
    const badAnswers = await t.http
      .put(`/api/public/campaigns/nope/responses/${randomUUID()}`)
      .send({ status: 'complete', data: {} })
      .expect(404);
    expectContract('PUT /api/public/campaigns/{slug}/responses/{uuid}', 404, badAnswers.body);
  });

  it('a drift fails: an extra or a missing field is refused by the strict schemas', () => {
    const campaign = responseSchemas.Campaign;
    const sample = {
      id: 1,
      evaluationId: 1,
      title: 't',
      slug: 's',
      url: 'http://trame.test/s/s',
      access: 'public',
      status: 'open',
      state: 'open',
      opensAt: null,
      closesAt: null,
      privacyNotice: 'p',
      privacy: {
        controller: 'c',
        contact: 'c',
        purpose: 'p',
        legalBasis: 'l',
        retention: 'r',
        recipients: 'r',
        rights: 'r',
        policyUrl: null,
      },
      privacyMissing: [],
      questionnaireVersionId: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(campaign.safeParse(sample).success).toBe(true);
    expect(campaign.safeParse({ ...sample, organisation: 'x' }).success).toBe(false);
    const { url: _url, ...withoutUrl } = sample;
    expect(campaign.safeParse(withoutUrl).success).toBe(false);
  });
});

interface OpenApiSchema {
  $ref?: string;
  items?: { $ref?: string };
}
interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }> }>
  >;
}

/*
 * The same promise checked by the compiler: what each service method is declared to return fits the
 * contract's type for its route (a method whose type no longer fits fails to compile, before any test runs).
 * The public campaign is left to the run-time check: its type admits a `draft` state the route never
 * sends (drafts answer 404).
 */
type Returns<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;
type Fits<A extends B, B> = [A, B];
export type ServiceReturnsFitTheContract = [
  Fits<Returns<AuthService['list']>, SessionView[]>,
  Fits<Returns<AuthService['changePassword']>, z.infer<typeof responseSchemas.PasswordChanged>>,
  Fits<Returns<EvaluationsService['list']>, EvaluationSummary[]>,
  // The entity's columns admit `undefined`, which bundle-mapping never stores (null): checked at run time.
  Fits<
    Omit<Returns<EvaluationsService['get']>, 'organization' | 'settings'>,
    Omit<EvaluationDetail, 'organization' | 'settings'>
  >,
  Fits<Returns<EvaluationsService['importBundle']>, EvaluationCreated>,
  Fits<Returns<EvaluationsService['exportBundle']>, z.infer<typeof responseSchemas.Bundle>>,
  Fits<Returns<EvaluationsService['replaceQuestionnaire']>, z.infer<typeof responseSchemas.QuestionnaireVersion>>,
  Fits<Returns<CampaignsService['create']>, Campaign>,
  Fits<Returns<CampaignsService['listForEvaluation']>, CampaignListItem[]>,
  Fits<Returns<CampaignsService['get']>, CampaignDetail>,
  Fits<Returns<CampaignsService['update']>, CampaignDetail>,
  Fits<Returns<CampaignsService['createInvitations']>, CreatedInvitations>,
  Fits<Returns<ResponseImportService['import']>, ImportResult>,
  Fits<Returns<PublicResponsesService['read']>, StoredResponse>,
  Fits<Returns<PublicResponsesService['submit']>['body'], SubmissionResult>,
  Fits<Returns<OrganisationsService['create']>, OrganisationView>,
  Fits<Returns<OrganisationsService['members']>, MemberView[]>,
  Fits<Returns<OrganisationsService['addMember']>, MemberView>,
  Fits<Returns<OrganisationsService['changeRole']>, MemberView>,
];
