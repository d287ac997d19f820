import { randomUUID } from 'node:crypto';
import { coopart } from '../support/fixtures.js';
import {
  addMember,
  createEvaluation,
  createOrganisation,
  MEMBER_PASSWORD,
  organisationWorld,
  tokenFor,
} from '../support/factory.js';
import { ADMIN, DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/** Issue 8: organisations, their members and roles, through the API. */
describe.each(DATABASES)('organisations and members on %s', (kind) => {
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

  const email = () => `m-${randomUUID().slice(0, 8)}@example.org`;

  it('the platform administrator creates an organisation and is its first admin', async () => {
    await t.http.post('/api/organisations').set(t.auth).send({ name: '  ' }).expect(400);
    const org = await createOrganisation(t, 'Coop’Art');
    expect(org).toEqual({ id: expect.any(Number), name: 'Coop’Art' });
    const members = await t.http.get(`/api/organisations/${org.id}/members`).set(t.auth).expect(200);
    expect(members.body).toEqual([{ userId: expect.any(Number), email: ADMIN.email, role: 'admin' }]);
    const me = await t.http.get('/api/auth/me').set(t.auth).expect(200);
    expect(me.body.organisations).toContainEqual({ id: org.id, name: 'Coop’Art', role: 'admin' });
  });

  it('a new e-mail creates the account, with a password that follows the rule', async () => {
    const org = await createOrganisation(t);
    const url = `/api/organisations/${org.id}/members`;
    const address = email();
    const missing = await t.http.post(url).set(t.auth).send({ email: address, role: 'viewer' }).expect(422);
    expect(missing.body).toMatchObject({ code: 'PASSWORD_REQUIRED', details: { errors: [{ path: 'password' }] } });
    const weak = await t.http
      .post(url)
      .set(t.auth)
      .send({ email: address, role: 'viewer', password: 'motdepasse123456' })
      .expect(422);
    expect(weak.body).toMatchObject({ code: 'WEAK_PASSWORD', details: { errors: [{ path: 'password' }] } });
    expect(weak.body.message).toMatch(/trop courant ou trop facile à deviner/);
    await t.http.post(url).set(t.auth).send({ email: address, role: 'owner', password: MEMBER_PASSWORD }).expect(400);
    await t.http.post(url).set(t.auth).send({ email: 'pas une adresse', role: 'viewer' }).expect(400);
    const created = await t.http
      .post(url)
      .set(t.auth)
      .send({ email: address.toUpperCase(), role: 'editor', password: MEMBER_PASSWORD })
      .expect(201);
    expect(created.body).toEqual({ userId: expect.any(Number), email: address, role: 'editor' });
    const auth = await tokenFor(t, address);
    const me = await t.http.get('/api/auth/me').set(auth).expect(200);
    expect(me.body.organisations).toEqual([{ id: org.id, name: org.name, role: 'editor' }]);
    const again = await t.http.post(url).set(t.auth).send({ email: address, role: 'viewer' }).expect(409);
    expect(again.body.code).toBe('ALREADY_MEMBER');
  });

  it('an existing account joins another organisation and keeps its password', async () => {
    const a = await createOrganisation(t);
    const b = await createOrganisation(t);
    const m = await addMember(t, t.auth, a.id, 'viewer');
    const joined = await t.http
      .post(`/api/organisations/${b.id}/members`)
      .set(t.auth)
      .send({ email: m.email, role: 'admin', password: 'une tout autre phrase de passe' })
      .expect(201);
    expect(joined.body).toEqual({ userId: m.userId, email: m.email, role: 'admin' });
    await tokenFor(t, m.email, MEMBER_PASSWORD);
    await t.http
      .post('/api/auth/token')
      .send({ email: m.email, password: 'une tout autre phrase de passe' })
      .expect(401);
    const me = await t.http.get('/api/auth/me').set(m.auth).expect(200);
    expect(me.body.organisations).toEqual([
      { id: a.id, name: a.name, role: 'viewer' },
      { id: b.id, name: b.name, role: 'admin' },
    ]);
  });

  it('a role change applies at the next request; unknown and foreign members are 404', async () => {
    const w = await organisationWorld(t, 'Rôles');
    await t.http
      .post(`/api/evaluations/${w.evaluation.id}/campaigns`)
      .set(w.viewer.auth)
      .send({ title: 'x' })
      .expect(403);
    const changed = await t.http
      .patch(`/api/organisations/${w.id}/members/${w.viewer.userId}`)
      .set(w.admin.auth)
      .send({ role: 'editor' })
      .expect(200);
    expect(changed.body).toEqual({ userId: w.viewer.userId, email: w.viewer.email, role: 'editor' });
    await t.http
      .post(`/api/evaluations/${w.evaluation.id}/campaigns`)
      .set(w.viewer.auth)
      .send({ title: 'x' })
      .expect(201);
    await t.http
      .patch(`/api/organisations/${w.id}/members/${w.viewer.userId}`)
      .set(w.admin.auth)
      .send({ role: 'chef' })
      .expect(400);
    const other = await organisationWorld(t, 'Autre');
    for (const userId of [999999, other.viewer.userId]) {
      const res = await t.http
        .patch(`/api/organisations/${w.id}/members/${userId}`)
        .set(w.admin.auth)
        .send({ role: 'viewer' })
        .expect(404);
      expect(res.body.code).toBe('MEMBER_NOT_FOUND');
      await t.http.delete(`/api/organisations/${w.id}/members/${userId}`).set(w.admin.auth).expect(404);
    }
    // The other organisation's membership was not touched.
    const theirs = await t.http.get(`/api/organisations/${other.id}/members`).set(other.admin.auth).expect(200);
    expect(theirs.body).toContainEqual({ userId: other.viewer.userId, email: other.viewer.email, role: 'viewer' });
  });

  it('the last admin can be neither demoted nor removed (409, French message)', async () => {
    const w = await organisationWorld(t, 'Seul');
    const url = `/api/organisations/${w.id}/members/${w.admin.userId}`;
    const demote = await t.http.patch(url).set(w.admin.auth).send({ role: 'editor' }).expect(409);
    expect(demote.body).toMatchObject({ code: 'LAST_ADMIN', message: expect.stringMatching(/dernier administrateur/) });
    const remove = await t.http.delete(url).set(w.admin.auth).expect(409);
    expect(remove.body.code).toBe('LAST_ADMIN');
    // Still admin: an admin keeping its role is not a demotion.
    await t.http.patch(url).set(w.admin.auth).send({ role: 'admin' }).expect(200);
    // With a second admin, the first may step down.
    await t.http
      .patch(`/api/organisations/${w.id}/members/${w.editor.userId}`)
      .set(w.admin.auth)
      .send({ role: 'admin' })
      .expect(200);
    await t.http.delete(url).set(w.admin.auth).expect(204);
    await t.http.get(`/api/evaluations/${w.evaluation.id}`).set(w.admin.auth).expect(404);
    // Its account remains: it logs in, with no organisation.
    const me = await t.http
      .get('/api/auth/me')
      .set(await tokenFor(t, w.admin.email))
      .expect(200);
    expect(me.body.organisations).toEqual([]);
    await t.http.delete(`/api/organisations/${w.id}/members/${w.editor.userId}`).set(w.editor.auth).expect(409);
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const w = await organisationWorld(t, 'Duel');
    const second = await addMember(t, w.admin.auth, w.id, 'admin');
    const [x, y] = await Promise.all([
      t.http.patch(`/api/organisations/${w.id}/members/${second.userId}`).set(w.admin.auth).send({ role: 'viewer' }),
      t.http.patch(`/api/organisations/${w.id}/members/${w.admin.userId}`).set(second.auth).send({ role: 'viewer' }),
    ]);
    // The second is refused by the guard (its caller is no longer an admin) or, when both got past it, by
    // the lock on the organisation: either way one admin remains.
    expect([
      [200, 403],
      [200, 409],
    ]).toContainEqual([x.status, y.status].sort());
    const members = (
      await t.http
        .get(`/api/organisations/${w.id}/members`)
        .set(x.status === 200 ? w.admin.auth : second.auth)
        .expect(200)
    ).body as { role: string }[];
    expect(members.filter((m) => m.role === 'admin')).toHaveLength(1);
  });

  it('an evaluation is created in an organisation the user is an editor of', async () => {
    const a = await createOrganisation(t);
    const b = await createOrganisation(t);
    const outsider = await createOrganisation(t);
    const user = await addMember(t, t.auth, a.id, 'viewer');
    await t.http
      .post(`/api/organisations/${b.id}/members`)
      .set(t.auth)
      .send({ email: user.email, role: 'editor' })
      .expect(201);
    // Without organisationId: the first where the user is an editor (B), never A where it only reads.
    const created = await t.http.post('/api/evaluations').set(user.auth).send(coopart.bundle()).expect(201);
    expect(created.body.organisationId).toBe(b.id);
    await t.http.post(`/api/evaluations?organisationId=${a.id}`).set(user.auth).send(coopart.bundle()).expect(403);
    await t.http
      .post(`/api/evaluations?organisationId=${outsider.id}`)
      .set(user.auth)
      .send(coopart.bundle())
      .expect(404);
    await t.http.post('/api/evaluations?organisationId=abc').set(user.auth).send(coopart.bundle()).expect(400);
    const onlyReader = await addMember(t, t.auth, a.id, 'viewer');
    const refused = await t.http.post('/api/evaluations').set(onlyReader.auth).send(coopart.bundle()).expect(403);
    expect(refused.body.message).toMatch(/Aucune organisation où vous êtes éditeur/);
    expect((await createEvaluation(t, user.auth, b.id)).organisationId).toBe(b.id);
  });

  it('only the platform administrator creates organisations', async () => {
    const w = await organisationWorld(t, 'Admin');
    const res = await t.http.post('/api/organisations').set(w.admin.auth).send({ name: 'La mienne' }).expect(403);
    expect(res.body.code).toBe('PLATFORM_ADMIN_REQUIRED');
  });
});
