import { DataSource } from 'typeorm';
import { AccountsService } from '../../server/src/modules/accounts/accounts.service.js';
import { Membership } from '../../server/src/modules/accounts/membership.entity.js';
import { Organisation } from '../../server/src/modules/accounts/organisation.entity.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { coopart } from '../support/fixtures.js';
import { freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/** Routes open to anonymous callers, on purpose. Everything else must answer 401 without an account. */
const PUBLIC = [
  /^GET \/api\/health$/,
  /^POST \/api\/auth\/(token|login)$/,
  /^(GET|PUT) \/api\/public\/campaigns\/:slug(\/responses\/:uuid)?$/,
  /^GET \/api\/docs/, // OpenAPI document and viewer
];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function registeredRoutes(t: TestApp): { method: string; path: string }[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const out: { method: string; path: string }[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    for (const [m, on] of Object.entries(layer.route.methods))
      if (on && m !== '_all') out.push({ method: m.toUpperCase(), path: layer.route.path });
  }
  return out;
}

describe('security', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    t = await startApp(db, { TRAME_RATE_LIMIT_LOGIN: '5', TRAME_RATE_LIMIT_PUBLIC: '1000' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('every non-public route refuses an anonymous request', async () => {
    const routes = registeredRoutes(t).filter((r) => r.path.startsWith('/api'));
    expect(routes.length).toBeGreaterThan(15);
    const checked: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.path}`;
      if (PUBLIC.some((p) => p.test(key))) continue;
      const url = r.path
        .replace(/:id\b/g, '1')
        .replace(/:code\b/g, 'x')
        .replace(/:slug\b/g, 'x')
        .replace(/:uuid\b/g, 'x');
      const res = await t.http[r.method.toLowerCase() as 'get'](url).send({});
      expect({ route: key, status: res.status }).toEqual({ route: key, status: 401 });
      expect(res.body.code).toBe('UNAUTHENTICATED');
      checked.push(key);
    }
    // The contract's private routes are all in the list that was checked.
    for (const k of [
      'POST /api/evaluations',
      'GET /api/evaluations/:id/bundle',
      'POST /api/evaluations/:id/campaigns',
      'POST /api/campaigns/:id/responses/import',
      'GET /api/campaigns/:id/results',
      'GET /api/campaigns/:id/export.xlsx',
      'GET /api/campaigns/:id/responses.csv',
    ]) {
      expect(checked).toContain(k);
    }
  });

  it('every route is documented in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const missing = registeredRoutes(t)
      .filter((r) => r.path.startsWith('/api') && !r.path.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
  });

  it('a user needs a role in the evaluation’s organisation (404 otherwise); viewers cannot write', async () => {
    const ds = t.app.get(DataSource);
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body;
    const hash = await AccountsService.hashPassword('mot de passe du test');
    const now = new Date().toISOString();
    const outsider = await ds
      .getRepository(User)
      .save({ email: 'outsider@example.org', passwordHash: hash, displayName: null, createdAt: now });
    const viewer = await ds
      .getRepository(User)
      .save({ email: 'viewer@example.org', passwordHash: hash, displayName: null, createdAt: now });
    const other = await ds.getRepository(Organisation).save({ name: 'Autre coop', createdAt: now });
    await ds.getRepository(Membership).save({ userId: outsider.id, organisationId: other.id, role: 'admin' });
    await ds
      .getRepository(Membership)
      .save({ userId: viewer.id, organisationId: evaluation.organisationId, role: 'viewer' });
    const tokenOf = async (email: string) => ({
      Authorization: `Bearer ${(await t.http.post('/api/auth/token').send({ email, password: 'mot de passe du test' }).expect(200)).body.token}`,
    });
    const o = await tokenOf('outsider@example.org');
    const v = await tokenOf('viewer@example.org');
    await t.http.get(`/api/evaluations/${evaluation.id}`).set(o).expect(404);
    await t.http.get(`/api/evaluations/${evaluation.id}/bundle`).set(o).expect(404);
    expect((await t.http.get('/api/evaluations').set(o).expect(200)).body).toEqual([]);
    await t.http.get(`/api/evaluations/${evaluation.id}`).set(v).expect(200);
    await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(v).send({ title: 'x' }).expect(403);
    const c = (
      await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(t.auth).send({ title: 'x' }).expect(201)
    ).body;
    await t.http.get(`/api/campaigns/${c.id}/results`).set(v).expect(200);
    await t.http.get(`/api/campaigns/${c.id}/results`).set(o).expect(404);
    await t.http.post(`/api/campaigns/${c.id}/responses/import`).set(v).send(coopart.responses()).expect(403);
    await t.http.post(`/api/campaigns/${c.id}/responses/import`).set(o).send(coopart.responses()).expect(404);
  });

  it('security headers are set (helmet)', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('login is rate-limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await t.http.post('/api/auth/login').send({ email: 'x@example.org', password: 'faux' })).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
  });

  it('errors have the uniform body {statusCode, code, message}', async () => {
    const res = await t.http.get('/api/evaluations/abc').set(t.auth).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', message: expect.any(String) });
    const bad = await t.http
      .post('/api/evaluations')
      .set(t.auth)
      .set('content-type', 'application/json')
      .send('{pas du json')
      .expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });
});
