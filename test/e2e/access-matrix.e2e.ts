import { randomUUID } from 'node:crypto';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { checkAccessPolicies } from '../../server/src/modules/auth/access-policy.check.js';
import { coopart } from '../support/fixtures.js';
import {
  addMember,
  createCampaign,
  designBody,
  designOf,
  evaluationFromTemplate,
  type Headers,
  MEMBER_PASSWORD,
  type OrganisationWorld,
  organisationWorld,
  tokenFor,
} from '../support/factory.js';
import { ADMIN, DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/**
 * Issue 8: every route of the OpenAPI document, called by each kind of caller on organisation A's
 * resources, answers what its policy says: 401 without an account, 404 for a caller with no role in A
 * (A's resources are not even said to exist), 403 for a member of A whose role is too low, 2xx otherwise.
 * A route added without a row here, or a row for a route that is gone, fails the test.
 *
 * Mutants this test was seen to catch (applied by hand, then reverted): GET evaluations/:id/campaigns,
 * GET campaigns/:id and GET campaigns/:id/responses.csv declared `account` and fed the path id (no
 * organisation check); PUT internal-data declared `viewer`; the guard answering 403 instead of 404 to
 * outsiders; the guard treating outsiders as viewers; the role rank off by one; the platform administrator
 * check skipped; a route added without a row; a route without @Access (the start fails).
 */

const WHO = ['anonymous', 'viewer', 'editor', 'admin', 'adminB', 'platform'] as const;
type Who = (typeof WHO)[number];
type Expected = Record<Who, number>;

interface World {
  a: OrganisationWorld;
  b: OrganisationWorld;
  /** The callers' own credentials; `anonymous` sends none. */
  callers: Record<Who, { auth: Headers; email: string; password: string } | null>;
}
interface Call {
  path: string;
  body?: unknown;
  /** Headers to use instead of the caller's usual token (a throwaway session of the same caller). */
  auth?: Headers;
}
interface Row {
  expect: Expected;
  call: (w: World, who: Who) => Promise<Call> | Call;
}

// --- Expectations by policy

/** Anyone, with or without an account. */
const open = (status: number): Expected => ({
  anonymous: status,
  viewer: status,
  editor: status,
  admin: status,
  adminB: status,
  platform: status,
});
/** Any account, for what is the caller's own. */
const account = (status: number): Expected => ({ ...open(status), anonymous: 401 });
/** At least `min` in A: members below it 403, outsiders of A (B's admin, the platform admin) 404. */
const role = (min: 'viewer' | 'editor' | 'admin', status: number): Expected => {
  const rank = { viewer: 1, editor: 2, admin: 3 };
  const member = (r: 'viewer' | 'editor' | 'admin') => (rank[r] >= rank[min] ? status : 403);
  return {
    anonymous: 401,
    viewer: member('viewer'),
    editor: member('editor'),
    admin: member('admin'),
    adminB: 404,
    platform: 404,
  };
};
const platformAdmin = (status: number): Expected => ({ ...open(403), anonymous: 401, platform: status });

const me = (w: World, who: Who) => w.callers[who] ?? w.callers.viewer!;
const oneResponse = () => {
  const r = coopart.responses().responses[1]!;
  return { format: 'trame-responses/1', responses: [{ ...r, id: randomUUID() }] };
};
const email = () => `nouveau-${randomUUID().slice(0, 8)}@example.org`;

/** A fresh member of A, for a call that changes or removes one. */
const target = async (t: TestApp, w: World) => (await addMember(t, w.a.admin.auth, w.a.id, 'viewer')).userId;

const table = (t: () => TestApp): Record<string, Row> => ({
  'GET /api/health': { expect: open(200), call: () => ({ path: '/api/health' }) },
  'POST /api/auth/token': {
    expect: open(200),
    call: (w, who) => ({ path: '/api/auth/token', body: { email: me(w, who).email, password: me(w, who).password } }),
  },
  'POST /api/auth/login': {
    expect: open(200),
    call: (w, who) => ({ path: '/api/auth/login', body: { email: me(w, who).email, password: me(w, who).password } }),
  },
  // A throwaway session: closing the caller's usual one would log it out of the rest of the table.
  'POST /api/auth/logout': {
    expect: account(204),
    call: async (w, who) => ({
      path: '/api/auth/logout',
      auth: who === 'anonymous' ? undefined : await tokenFor(t(), me(w, who).email, me(w, who).password),
    }),
  },
  'GET /api/auth/me': { expect: account(200), call: () => ({ path: '/api/auth/me' }) },
  // The same password again: the rule allows it, and the session of the request stays open.
  'POST /api/auth/password': {
    expect: account(200),
    call: (w, who) => ({
      path: '/api/auth/password',
      body: { currentPassword: me(w, who).password, newPassword: me(w, who).password },
    }),
  },
  'GET /api/auth/sessions': { expect: account(200), call: () => ({ path: '/api/auth/sessions' }) },
  // A session of A's viewer: only its owner may close it; to anyone else it does not exist.
  'DELETE /api/auth/sessions/{id}': {
    expect: { ...account(404), viewer: 204 },
    call: async (w) => {
      const own = await tokenFor(t(), w.a.viewer.email);
      const sessions = (await t().http.get('/api/auth/sessions').set(own).expect(200)).body as {
        id: number;
        current: boolean;
      }[];
      return { path: `/api/auth/sessions/${sessions.find((s) => s.current)!.id}` };
    },
  },
  'POST /api/organisations': {
    expect: platformAdmin(201),
    call: () => ({ path: '/api/organisations', body: { name: `Autre ${randomUUID().slice(0, 6)}` } }),
  },
  'GET /api/organisations/{id}/members': {
    expect: role('admin', 200),
    call: (w) => ({ path: `/api/organisations/${w.a.id}/members` }),
  },
  'POST /api/organisations/{id}/members': {
    expect: role('admin', 201),
    call: (w) => ({
      path: `/api/organisations/${w.a.id}/members`,
      body: { email: email(), role: 'viewer', password: MEMBER_PASSWORD },
    }),
  },
  'PATCH /api/organisations/{id}/members/{userId}': {
    expect: role('admin', 200),
    call: async (w) => ({
      path: `/api/organisations/${w.a.id}/members/${await target(t(), w)}`,
      body: { role: 'editor' },
    }),
  },
  'DELETE /api/organisations/{id}/members/{userId}': {
    expect: role('admin', 204),
    call: async (w) => ({ path: `/api/organisations/${w.a.id}/members/${await target(t(), w)}` }),
  },
  // B's admin and the platform administrator have their own organisations; they may not create in A's.
  'POST /api/evaluations': {
    expect: role('editor', 201),
    call: (w) => ({ path: `/api/evaluations?organisationId=${w.a.id}`, body: coopart.bundle() }),
  },
  'GET /api/evaluations': { expect: account(200), call: () => ({ path: '/api/evaluations' }) },
  'GET /api/evaluations/templates': { expect: account(200), call: () => ({ path: '/api/evaluations/templates' }) },
  'POST /api/evaluations/new': {
    expect: role('editor', 201),
    call: (w) => ({
      path: `/api/evaluations/new?organisationId=${w.a.id}`,
      body: { title: 'Vierge', template: 'blank' },
    }),
  },
  // Sent without a file: a caller allowed to create in A reaches the 422 "no file"; the others are stopped
  // before (design-files.e2e.ts imports real files).
  'POST /api/evaluations/import': {
    expect: role('editor', 422),
    call: (w) => ({ path: `/api/evaluations/import?organisationId=${w.a.id}`, body: {} }),
  },
  'GET /api/evaluations/{id}/workbook.xlsx': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}/workbook.xlsx` }),
  },
  'GET /api/design-workbook/template.xlsx': {
    expect: account(200),
    call: () => ({ path: '/api/design-workbook/template.xlsx' }),
  },
  // A fresh, empty evaluation for each caller: without responses it is deleted at once.
  'DELETE /api/evaluations/{id}': {
    expect: role('editor', 200),
    call: async (w) => ({
      path: `/api/evaluations/${(await evaluationFromTemplate(t(), w.a.editor.auth, w.a.id)).id}`,
    }),
  },
  'GET /api/evaluations/{id}/design': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}/design` }),
  },
  // The design saved back as it is, on the revision read just before.
  'PUT /api/evaluations/{id}/design': {
    expect: role('editor', 200),
    call: async (w) => ({
      path: `/api/evaluations/${w.a.evaluation.id}/design`,
      body: designBody(await designOf(t(), w.a.editor.auth, w.a.evaluation.id)),
    }),
  },
  'POST /api/evaluations/{id}/internal-data': {
    expect: role('editor', 201),
    call: (w) => ({
      path: `/api/evaluations/${w.a.evaluation.id}/internal-data`,
      body: { code: `d_${randomUUID().slice(0, 8)}`, label: 'Réunions', value: 8 },
    }),
  },
  'PATCH /api/evaluations/{id}/internal-data/{code}': {
    expect: role('editor', 200),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}/internal-data/salaries`, body: { value: 3 } }),
  },
  // A datum no indicator reads, added for each caller.
  'DELETE /api/evaluations/{id}/internal-data/{code}': {
    expect: role('editor', 200),
    call: async (w) => {
      const code = `d_${randomUUID().slice(0, 8)}`;
      await t()
        .http.post(`/api/evaluations/${w.a.evaluation.id}/internal-data`)
        .set(w.a.editor.auth)
        .send({ code, label: 'À supprimer', value: 1 })
        .expect(201);
      return { path: `/api/evaluations/${w.a.evaluation.id}/internal-data/${code}` };
    },
  },
  'GET /api/evaluations/{id}': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}` }),
  },
  'GET /api/evaluations/{id}/bundle': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}/bundle` }),
  },
  'PUT /api/evaluations/{id}/questionnaire': {
    expect: role('editor', 200),
    call: (w) => ({
      path: `/api/evaluations/${w.a.evaluation.id}/questionnaire`,
      body: { questionnaire: coopart.bundle().questionnaire },
    }),
  },
  'PUT /api/evaluations/{id}/internal-data/{code}': {
    expect: role('editor', 200),
    call: (w) => ({
      path: `/api/evaluations/${w.a.evaluation.id}/internal-data/benevoles`,
      body: { value: 1500, label: 'Heures de bénévolat' },
    }),
  },
  'POST /api/evaluations/{id}/campaigns': {
    expect: role('editor', 201),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}/campaigns`, body: { title: 'Vague 2' } }),
  },
  'GET /api/evaluations/{id}/campaigns': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/evaluations/${w.a.evaluation.id}/campaigns` }),
  },
  'GET /api/campaigns/{id}': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}` }),
  },
  'PATCH /api/campaigns/{id}': {
    expect: role('editor', 200),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}`, body: { title: w.a.campaign.title } }),
  },
  // A fresh campaign without responses for each caller: deleted at once.
  'DELETE /api/campaigns/{id}': {
    expect: role('editor', 200),
    call: async (w) => ({
      path: `/api/campaigns/${(await createCampaign(t(), w.a.editor.auth, w.a.evaluation.id, { title: 'Vague jetable' })).id}`,
    }),
  },
  'POST /api/campaigns/{id}/invitations': {
    expect: role('editor', 201),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}/invitations`, body: { count: 1 } }),
  },
  'POST /api/campaigns/{id}/responses/import': {
    expect: role('editor', 201),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}/responses/import`, body: oneResponse() }),
  },
  'GET /api/campaigns/{id}/results': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}/results` }),
  },
  'GET /api/campaigns/{id}/export.xlsx': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}/export.xlsx` }),
  },
  'GET /api/campaigns/{id}/responses.csv': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}/responses.csv` }),
  },
  'GET /api/campaigns/{id}/responses.json': {
    expect: role('viewer', 200),
    call: (w) => ({ path: `/api/campaigns/${w.a.campaign.id}/responses.json` }),
  },
  'GET /api/public/campaigns/{slug}': {
    expect: open(200),
    call: (w) => ({ path: `/api/public/campaigns/${w.a.campaign.slug}` }),
  },
  'GET /api/public/campaigns/{slug}/responses/{uuid}': {
    // The world's response is complete: a resume link never shows a sent response's answers (issue 9).
    expect: open(409),
    call: (w) => ({ path: `/api/public/campaigns/${w.a.campaign.slug}/responses/${w.a.responseUuid}` }),
  },
  'PUT /api/public/campaigns/{slug}/responses/{uuid}': {
    expect: open(201),
    call: (w) => ({
      path: `/api/public/campaigns/${w.a.campaign.slug}/responses/${randomUUID()}`,
      body: { status: 'partial', data: { statut: 'associe' } },
    }),
  },
});

describe.each(DATABASES)('access matrix on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  let w: World;
  const rows = table(() => t);

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
    const a = await organisationWorld(t, 'A');
    const b = await organisationWorld(t, 'B');
    w = {
      a,
      b,
      callers: {
        anonymous: null,
        viewer: a.viewer,
        editor: a.editor,
        admin: a.admin,
        adminB: b.admin,
        platform: { auth: t.auth, email: ADMIN.email, password: ADMIN.password },
      },
    };
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('has one row for every route of the OpenAPI document, and no other', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'put', 'post', 'patch', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect({ missing: documented.filter((r) => !(r in rows)) }).toEqual({ missing: [] });
    expect({ gone: Object.keys(rows).filter((r) => !documented.includes(r)) }).toEqual({ gone: [] });
    // Routes left out of the OpenAPI document would dodge the table: every route the server has is in it.
    const declared = checkAccessPolicies(t.app.get(DiscoveryService), t.app.get(MetadataScanner), t.app.get(Reflector));
    // The controllers' paths, under the global prefix `api` set by app.setup.ts.
    const served = declared.map((d) =>
      d.route
        .replace(/ \(.*\)$/, '')
        .replace(' /', ' /api/')
        .replace(/:(\w+)/g, '{$1}'),
    );
    expect(served.length).toBeGreaterThan(30);
    expect({ undocumented: served.filter((r) => !(r in rows)) }).toEqual({ undocumented: [] });
    expect(declared.filter((d) => d.problem)).toEqual([]);
  });

  it.each(Object.keys(rows))('%s', async (route) => {
    const row = rows[route]!;
    const method = route.split(' ')[0]!.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const secrets = [w.a.evaluation.title, w.a.campaign.title, w.a.admin.email, w.a.viewer.email, w.a.editor.email];
    const got: Partial<Expected> = {};
    for (const who of WHO) {
      const call = await row.call(w, who);
      let req = t.http[method](call.path);
      const auth = call.auth ?? w.callers[who]?.auth;
      if (auth) req = req.set(auth);
      const res = await (call.body === undefined ? req : req.send(call.body as object));
      got[who] = res.status;
      if (res.status >= 400) {
        // A refusal says nothing about A's data, whoever asks.
        const text = JSON.stringify(res.body);
        for (const s of secrets) expect({ route, who, leaks: text.includes(s) }).toEqual({ route, who, leaks: false });
      }
    }
    expect(got).toEqual(row.expect);
  });

  it('lists never show another organisation’s data', async () => {
    const listed = (await t.http.get('/api/evaluations').set(w.b.admin.auth).expect(200)).body as { id: number }[];
    expect(listed.map((e) => e.id)).toContain(w.b.evaluation.id);
    expect(listed.map((e) => e.id)).not.toContain(w.a.evaluation.id);
    const meB = (await t.http.get('/api/auth/me').set(w.b.admin.auth).expect(200)).body as {
      organisations: { id: number; role: string }[];
    };
    expect(meB.organisations).toEqual([{ id: w.b.id, name: w.b.name, role: 'admin' }]);
    const meA = (await t.http.get('/api/auth/me').set(w.a.viewer.auth).expect(200)).body as {
      organisations: { id: number; role: string }[];
    };
    expect(meA.organisations).toEqual([{ id: w.a.id, name: w.a.name, role: 'viewer' }]);
  });

  it('B’s admin reaches B’s own resources, which A’s admin is not told exist (the 404s are not vacuous)', async () => {
    for (const path of [
      `/api/evaluations/${w.b.evaluation.id}`,
      `/api/evaluations/${w.b.evaluation.id}/campaigns`,
      `/api/campaigns/${w.b.campaign.id}`,
      `/api/campaigns/${w.b.campaign.id}/responses.csv`,
      `/api/organisations/${w.b.id}/members`,
    ]) {
      expect({ path, status: (await t.http.get(path).set(w.b.admin.auth)).status }).toEqual({ path, status: 200 });
      expect({ path, status: (await t.http.get(path).set(w.a.admin.auth)).status }).toEqual({ path, status: 404 });
    }
    // Missing and foreign answer alike: same status, same code.
    const foreign = await t.http.get(`/api/campaigns/${w.b.campaign.id}`).set(w.a.admin.auth);
    const missing = await t.http.get('/api/campaigns/999999').set(w.a.admin.auth);
    expect(foreign.body).toEqual(missing.body);
  });
});
