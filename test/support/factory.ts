import { randomUUID } from 'node:crypto';
import { coopart } from './fixtures.js';
import type { TestApp } from './test-app.js';

/** Follows the password rule; every user of a factory has it unless told otherwise. */
export const MEMBER_PASSWORD = 'le vieux moulin tourne encore';

export type Headers = Record<string, string>;
export type MemberRole = 'viewer' | 'editor' | 'admin';

export interface Member {
  userId: number;
  email: string;
  password: string;
  role: MemberRole;
  /** A bearer token of its own. */
  auth: Headers;
}

/** A bearer token for these credentials. */
export async function tokenFor(t: TestApp, email: string, password = MEMBER_PASSWORD): Promise<Headers> {
  const res = await t.http.post('/api/auth/token').send({ email, password }).expect(200);
  return { Authorization: `Bearer ${(res.body as { token: string }).token}` };
}

/** An organisation created by the platform administrator (who becomes its admin). */
export async function createOrganisation(t: TestApp, name = `Coop ${randomUUID().slice(0, 6)}`) {
  const res = await t.http.post('/api/organisations').set(t.auth).send({ name }).expect(201);
  return res.body as { id: number; name: string };
}

/** A new account added to the organisation by one of its admins, with a token of its own. */
export async function addMember(
  t: TestApp,
  adminAuth: Headers,
  organisationId: number,
  role: MemberRole,
  email = `${role}-${randomUUID().slice(0, 8)}@example.org`,
): Promise<Member> {
  const res = await t.http
    .post(`/api/organisations/${organisationId}/members`)
    .set(adminAuth)
    .send({ email, role, password: MEMBER_PASSWORD })
    .expect(201);
  const { userId } = res.body as { userId: number };
  return { userId, email, password: MEMBER_PASSWORD, role, auth: await tokenFor(t, email) };
}

export async function createEvaluation(t: TestApp, auth: Headers, organisationId: number, title?: string) {
  const bundle = coopart.bundle();
  if (title) bundle.title = title;
  const res = await t.http.post(`/api/evaluations?organisationId=${organisationId}`).set(auth).send(bundle).expect(201);
  return res.body as { id: number; organisationId: number; title: string };
}

export async function createCampaign(
  t: TestApp,
  auth: Headers,
  evaluationId: number,
  body: Record<string, unknown> = {},
) {
  const res = await t.http
    .post(`/api/evaluations/${evaluationId}/campaigns`)
    .set(auth)
    .send({ title: 'Enquête 2026', ...body })
    .expect(201);
  return res.body as { id: number; slug: string; url: string; title: string };
}

/**
 * A Coop'Art evaluation (in the default administrator's organisation, `t.auth`) and one campaign on it:
 * `body` overrides the campaign's fields (title 'Enquête 2026', public, open by default).
 */
export async function coopartCampaign<T = { id: number; slug: string }>(
  t: TestApp,
  body: Record<string, unknown> = {},
): Promise<T> {
  const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body as {
    id: number;
  };
  return (await createCampaign(t, t.auth, evaluation.id, body)) as T;
}

/** One complete Coop'Art response saved through the public route; its UUID. */
export async function submitResponse(t: TestApp, slug: string, index = 0): Promise<string> {
  const uuid = randomUUID();
  await t.http
    .put(`/api/public/campaigns/${slug}/responses/${uuid}`)
    .send({ status: 'complete', data: coopart.responses().responses[index]!.data })
    .expect(201);
  return uuid;
}

/** One organisation's people and data: its three roles, an evaluation with a campaign and a response. */
export interface OrganisationWorld {
  id: number;
  name: string;
  viewer: Member;
  editor: Member;
  admin: Member;
  evaluation: { id: number; title: string };
  campaign: { id: number; slug: string; title: string };
  responseUuid: string;
}

/**
 * An organisation with a viewer, an editor and an admin, an evaluation with an open public campaign and
 * one complete response. The platform administrator creates it, names its admin, then leaves it: it is
 * then a member of nothing there, like any outsider.
 */
export async function organisationWorld(t: TestApp, label: string): Promise<OrganisationWorld> {
  const org = await createOrganisation(t, `Coopérative ${label}`);
  const ascii = label
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
  const admin = await addMember(t, t.auth, org.id, 'admin', `admin-${ascii}-${randomUUID().slice(0, 6)}@example.org`);
  const editor = await addMember(t, admin.auth, org.id, 'editor');
  const viewer = await addMember(t, admin.auth, org.id, 'viewer');
  const me = (await t.http.get('/api/auth/me').set(t.auth).expect(200)).body as { id: number };
  await t.http.delete(`/api/organisations/${org.id}/members/${me.id}`).set(admin.auth).expect(204);
  const evaluation = await createEvaluation(t, editor.auth, org.id, `Évaluation secrète ${label}`);
  const campaign = await createCampaign(t, editor.auth, evaluation.id, { title: `Enquête secrète ${label}` });
  const responseUuid = await submitResponse(t, campaign.slug);
  return { ...org, viewer, editor, admin, evaluation, campaign, responseUuid };
}

/** A new evaluation from a template (`POST /api/evaluations/new`), in the given organisation. */
export async function evaluationFromTemplate(
  t: TestApp,
  auth: Headers,
  organisationId: number,
  template: 'blank' | 'coopart' = 'blank',
  title = `Évaluation ${randomUUID().slice(0, 6)}`,
) {
  const res = await t.http
    .post(`/api/evaluations/new?organisationId=${organisationId}`)
    .set(auth)
    .send({ title, template })
    .expect(201);
  return res.body as { id: number; organisationId: number; title: string; revision: number };
}

/** The evaluation's editable design (`GET /api/evaluations/:id/design`). */
export async function designOf(t: TestApp, auth: Headers, evaluationId: number) {
  const res = await t.http.get(`/api/evaluations/${evaluationId}/design`).set(auth).expect(200);
  return res.body as Record<string, ReturnType<typeof JSON.parse>> & { revision: number };
}

/**
 * The body of `PUT /api/evaluations/:id/design` that saves `design` as it is, based on its revision: a
 * deep copy, which a test may edit without touching `design`.
 */
export function designBody(design: Record<string, unknown> & { revision: number }) {
  const copy = structuredClone(design) as Record<string, ReturnType<typeof JSON.parse>>;
  const { title, description, framework, segments, internalData, questionnaire } = copy;
  return {
    baseRevision: design.revision,
    title,
    description,
    framework,
    segments,
    internalData,
    questionnaire,
  } as Record<string, ReturnType<typeof JSON.parse>>;
}
