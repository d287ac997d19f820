import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Credentials1764900000000 } from '../../migrations/1764900000000-credentials.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createApp } from '../../server/src/app.setup.js';
import { ENTITIES } from '../../server/src/app.entities.js';
import { dataSourceOptions } from '../../server/src/database/data-source.js';
import { AccountsService } from '../../server/src/modules/accounts/accounts.service.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import {
  ADMIN,
  DATABASES,
  freshDatabase,
  type TestApp,
  type TestDatabase,
  startApp,
  testConfig,
} from '../support/test-app.js';

/** Issue 7: password change, session and token revocation, the password rule, CSRF bound to the session. */
describe.each(DATABASES)('credentials on %s', (kind) => {
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

  const PASSWORD = 'le vieux moulin tourne encore';
  const NEW_PASSWORD = 'la chèvre mange des cerises';

  /** A user of its own for each test, so that a test changing a password changes nobody else's. */
  const newUser = async (password = PASSWORD) => {
    const email = `u-${randomUUID().slice(0, 8)}@example.org`;
    await t.app
      .get(DataSource)
      .getRepository(User)
      .save({
        email,
        passwordHash: await AccountsService.hashPassword(password),
        displayName: null,
        createdAt: new Date().toISOString(),
      });
    return email;
  };
  const bearer = async (email: string, password = PASSWORD, label?: string) => {
    const res = await t.http.post('/api/auth/token').send({ email, password, label }).expect(200);
    return { Authorization: `Bearer ${(res.body as { token: string }).token}` };
  };
  /** A browser session: the session and CSRF cookies the login set. */
  const browser = async (email: string, password = PASSWORD) => {
    const res = await t.http.post('/api/auth/login').send({ email, password }).expect(200);
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const value = (name: string) =>
      cookies
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]!
        .slice(name.length + 1);
    return { session: value('trame_session'), csrf: value('trame_csrf') };
  };
  /** What the web app sends: both cookies, and the CSRF cookie echoed in X-CSRF-Token. */
  const asBrowser = (b: { session: string; csrf: string }, csrf = b.csrf) => ({
    Cookie: `trame_session=${b.session}; trame_csrf=${csrf}`,
    'X-CSRF-Token': csrf,
  });

  it('a password change revokes the other bearer tokens and cookie sessions, not the current one', async () => {
    const email = await newUser();
    const current = await bearer(email);
    const otherToken = await bearer(email);
    const otherBrowser = await browser(email);
    await t.http.get('/api/auth/me').set(otherToken).expect(200);
    await t.http.get('/api/auth/me').set(asBrowser(otherBrowser)).expect(200);

    const res = await t.http
      .post('/api/auth/password')
      .set(current)
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    expect(res.body).toEqual({ revokedSessions: 2 });

    await t.http.get('/api/auth/me').set(otherToken).expect(401);
    await t.http.get('/api/auth/me').set(asBrowser(otherBrowser)).expect(401);
    expect((await t.http.get('/api/auth/me').set(current).expect(200)).body.email).toBe(email);
    await t.http.post('/api/auth/token').send({ email, password: PASSWORD }).expect(401);
    await bearer(email, NEW_PASSWORD);
  });

  it('a password change from the browser keeps that browser session and revokes the tokens', async () => {
    const email = await newUser();
    const token = await bearer(email);
    const b = await browser(email);
    await t.http
      .post('/api/auth/password')
      .set(asBrowser(b))
      .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
      .expect(200);
    await t.http.get('/api/auth/me').set(token).expect(401);
    await t.http.get('/api/auth/me').set(asBrowser(b)).expect(200);
    // Still a working session for writes: its CSRF token is unchanged.
    await t.http.delete('/api/auth/sessions/999999').set(asBrowser(b)).expect(404);
  });

  it('a wrong current password is refused (403) and changes nothing', async () => {
    const email = await newUser();
    const current = await bearer(email);
    const other = await bearer(email);
    const res = await t.http
      .post('/api/auth/password')
      .set(current)
      .send({ currentPassword: 'pas le bon mot de passe', newPassword: NEW_PASSWORD })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'WRONG_PASSWORD', message: 'Mot de passe actuel incorrect' });
    await t.http.get('/api/auth/me').set(other).expect(200);
    await bearer(email, PASSWORD);
  });

  it('short, common, guessable passwords and the e-mail are refused with a French message', async () => {
    const email = await newUser();
    const current = await bearer(email);
    const other = await bearer(email);
    const refused = async (newPassword: string) => {
      const res = await t.http
        .post('/api/auth/password')
        .set(current)
        .send({ currentPassword: PASSWORD, newPassword })
        .expect(422);
      expect(res.body.code).toBe('WEAK_PASSWORD');
      expect(res.body.details.errors[0].path).toBe('newPassword');
      return res.body.message as string;
    };
    expect(await refused('Tr0ub4dor&3')).toMatch(/^Nouveau mot de passe refusé : 15 caractères au moins \(11 ici\)/);
    expect(await refused('motdepasse123456')).toMatch(/mot de passe trop courant ou trop facile à deviner/);
    expect(await refused('azertyuiop123456')).toMatch(/trop facile à deviner \(Les lignes droites de touches/);
    expect(await refused('passwordpassword')).toMatch(/trop facile à deviner/);
    expect(await refused(email.toUpperCase())).toBe(
      'Nouveau mot de passe refusé : le mot de passe ne doit pas être l’adresse e-mail',
    );
    expect(await refused('une phrase de passe '.repeat(7))).toBe(
      'Nouveau mot de passe refusé : 128 caractères au plus',
    );
    // Nothing was changed or revoked.
    await t.http.get('/api/auth/me').set(other).expect(200);
    await bearer(email, PASSWORD);
  });

  it('lists the user’s sessions and tokens without their secrets, and revokes its own only', async () => {
    const email = await newUser();
    const current = await bearer(email, PASSWORD, 'script de sauvegarde');
    const second = await bearer(email);
    await browser(email);
    const list = (await t.http.get('/api/auth/sessions').set(current).expect(200)).body as Record<string, unknown>[];
    expect(list).toHaveLength(3);
    expect(list.map((s) => Object.keys(s).sort())).toEqual(
      Array(3).fill(['createdAt', 'current', 'expiresAt', 'id', 'kind', 'label', 'lastUsedAt']),
    );
    expect(list.map((s) => s.kind).sort()).toEqual(['bearer', 'bearer', 'cookie']);
    const mine = list.find((s) => s.current)!;
    expect(mine).toMatchObject({ kind: 'bearer', label: 'script de sauvegarde', lastUsedAt: expect.any(String) });
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(Date.parse(mine.expiresAt as string) - Date.parse(mine.createdAt as string)).toBe(30 * 86400_000);

    // Someone else's session is not found, and stays open.
    const stranger = await bearer(await newUser());
    const strangers = (await t.http.get('/api/auth/sessions').set(stranger).expect(200)).body as { id: number }[];
    expect(strangers).toHaveLength(1);
    await t.http.delete(`/api/auth/sessions/${strangers[0]!.id}`).set(current).expect(404);
    await t.http.get('/api/auth/me').set(stranger).expect(200);
    expect(list.map((s) => s.id)).not.toContain(strangers[0]!.id);

    // Its own: revoked at once.
    const secondId = (
      (await t.http.get('/api/auth/sessions').set(second).expect(200)).body as { id: number; current: boolean }[]
    ).find((s) => s.current)!.id;
    await t.http.delete(`/api/auth/sessions/${secondId}`).set(current).expect(204);
    await t.http.get('/api/auth/me').set(second).expect(401);
    await t.http.delete(`/api/auth/sessions/${secondId}`).set(current).expect(404);
    expect((await t.http.get('/api/auth/sessions').set(current).expect(200)).body).toHaveLength(2);
  });

  it('the CSRF token is bound to its session: session A’s token is refused with session B’s cookie', async () => {
    const email = await newUser();
    const a = await browser(email);
    const b = await browser(email);
    // A write that changes nothing: 404 once past the CSRF check.
    const probe = '/api/auth/sessions/999999';
    await t.http.delete(probe).set(asBrowser(b)).expect(404);
    const res = await t.http.delete(probe).set(asBrowser(b, a.csrf)).expect(403);
    expect(res.body.code).toBe('CSRF');
    // Another user's session's token neither.
    const c = await browser(await newUser());
    expect((await t.http.delete(probe).set(asBrowser(b, c.csrf)).expect(403)).body.code).toBe('CSRF');
    // The header must still match the cookie.
    await t.http
      .delete(probe)
      .set({ Cookie: `trame_session=${b.session}; trame_csrf=${a.csrf}`, 'X-CSRF-Token': b.csrf })
      .expect(403);
  });

  it('a cookie session without a bound CSRF token (opened before this version) must log in again', async () => {
    const email = await newUser();
    const b = await browser(email);
    await t.app.get(DataSource).query(`UPDATE session SET csrf_hash = NULL WHERE kind = 'cookie'`);
    await t.http.get('/api/auth/me').set(asBrowser(b)).expect(401);
  });
});

describe.each(DATABASES)('TRAME_ADMIN_PASSWORD at start on %s', (kind) => {
  it('a new TRAME_ADMIN_PASSWORD revokes the administrator’s tokens and sessions; the same one keeps them', async () => {
    const db = await freshDatabase(kind);
    const login = async (http: ReturnType<typeof request>, password: string) => {
      const token = (await http.post('/api/auth/token').send({ email: ADMIN.email, password }).expect(200)).body
        .token as string;
      const res = await http.post('/api/auth/login').send({ email: ADMIN.email, password }).expect(200);
      const cookies = res.headers['set-cookie'] as unknown as string[];
      return {
        bearer: { Authorization: `Bearer ${token}` },
        cookie: { Cookie: cookies.map((c) => c.split(';')[0]).join('; ') },
      };
    };
    try {
      const first = await startApp(db);
      const old = await login(first.http, ADMIN.password);
      await first.close();

      // Same password: a plain restart keeps everyone signed in.
      const same = await startApp(db);
      await same.http.get('/api/auth/me').set(old.bearer).expect(200);
      await same.http.get('/api/auth/me').set(old.cookie).expect(200);
      await same.close();

      const newPassword = 'un tout autre mot de passe';
      const { app } = await createApp(testConfig(db, { TRAME_ADMIN_PASSWORD: newPassword }), { logger: ['error'] });
      try {
        const http = request(app.getHttpServer());
        await http.get('/api/auth/me').set(old.bearer).expect(401);
        await http.get('/api/auth/me').set(old.cookie).expect(401);
        await http.post('/api/auth/token').send(ADMIN).expect(401);
        const fresh = await login(http, newPassword);
        await http.get('/api/auth/me').set(fresh.bearer).expect(200);
        const sessions = (await http.get('/api/auth/sessions').set(fresh.bearer).expect(200)).body as unknown[];
        expect(sessions).toHaveLength(2);
      } finally {
        await app.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});

describe.each(DATABASES)('the credentials migration on %s', (kind) => {
  it('keeps users, memberships and bearer tokens; cookie sessions without a CSRF digest log in again', async () => {
    const db = await freshDatabase(kind);
    try {
      // The database as the previous version left it, with an administrator, a token and a cookie session.
      const previous = new DataSource({
        ...dataSourceOptions(testConfig(db).database, ENTITIES),
        migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(Credentials1764900000000)),
      });
      await previous.initialize();
      const now = new Date().toISOString();
      const later = new Date(Date.now() + 86400_000).toISOString();
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      const hash = await AccountsService.hashPassword(ADMIN.password);
      await previous.query(`INSERT INTO organisation (name, created_at) VALUES ('Coop''Art', '${now}')`);
      await previous.query(
        `INSERT INTO app_user (email, password_hash, display_name, created_at) VALUES ('${ADMIN.email}', '${hash}', NULL, '${now}')`,
      );
      await previous.query(`INSERT INTO membership (user_id, organisation_id, role) VALUES (1, 1, 'admin')`);
      for (const [token, kind] of [
        ['vieux-jeton', 'bearer'],
        ['vieux-cookie', 'cookie'],
      ])
        await previous.query(
          `INSERT INTO session (token_hash, kind, user_id, created_at, expires_at) VALUES ('${sha(token!)}', '${kind}', 1, '${now}', '${later}')`,
        );
      await previous.destroy();

      const t = await startApp(db);
      try {
        const me = await t.http.get('/api/auth/me').set({ Authorization: 'Bearer vieux-jeton' }).expect(200);
        expect(me.body.organisations).toEqual([{ id: 1, name: "Coop'Art", role: 'admin' }]);
        await t.http.get('/api/auth/me').set({ Cookie: 'trame_session=vieux-cookie' }).expect(401);
      } finally {
        await t.close();
      }
    } finally {
      await db.drop();
    }
  }, 60_000);
});
