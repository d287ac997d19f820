import { randomUUID } from 'node:crypto';
import { coopart } from '../support/fixtures.js';
import { ensureServerBuilt, kill, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { ADMIN, DATABASES, freshDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * Durability: the server runs as a real process; submissions are sent by 20 clients and the process is
 * killed with SIGKILL while some are still in flight. After a restart, every acknowledged one is there.
 */
type Json = ReturnType<typeof JSON.parse>;

describe.each(DATABASES)('restart durability on %s', (kind) => {
  let db: TestDatabase;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    ensureServerBuilt();
    db = await freshDatabase(kind);
  }, 180_000);
  afterAll(async () => {
    if (server) await kill(server);
    await db?.drop();
  });

  it('a SIGKILL mid-load loses no acknowledged response', async () => {
    server = await startServerProcess(db.env);
    const json = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${server!.url}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as Json };
    };
    const token = (await json('/api/auth/token', { method: 'POST', body: JSON.stringify(ADMIN) })).body.token as string;
    const auth = { Authorization: `Bearer ${token}` };
    const evaluation = (
      await json('/api/evaluations', { method: 'POST', headers: auth, body: JSON.stringify(coopart.bundle()) })
    ).body;
    const c = (
      await json(`/api/evaluations/${evaluation.id}/campaigns`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: 'Redémarrage' }),
      })
    ).body;
    const records = coopart.responses().responses;
    const acknowledged: string[] = [];
    let sent = 0;
    let killing: Promise<void> | null = null;
    const client = async () => {
      while (!killing) {
        const id = randomUUID();
        const data = records[sent++ % records.length]!.data;
        try {
          const r = await fetch(`${server!.url}/api/public/campaigns/${c.slug}/responses/${id}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ status: 'complete', data }),
          });
          if (r.status === 201) acknowledged.push(id);
        } catch {
          /* the connection died with the process: not acknowledged */
        }
        if (acknowledged.length >= 300 && !killing) killing = kill(server!, 'SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 20 }, client));
    await (killing as Promise<void> | null);
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    server = await startServerProcess(db.env);
    const token2 = (await json('/api/auth/token', { method: 'POST', body: JSON.stringify(ADMIN) })).body
      .token as string;
    const status = (await json(`/api/campaigns/${c.id}`, { headers: { Authorization: `Bearer ${token2}` } })).body;
    expect(status.responses.complete).toBeGreaterThanOrEqual(acknowledged.length);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const r = await json(`/api/public/campaigns/${c.slug}/responses/${id}`);
      // A sent response is never shown again by its link (issue 9): its 409 says it is stored, complete.
      if (r.status !== 409 || r.body.code !== 'RESPONSE_ALREADY_COMPLETE') missing.push(id);
    }
    expect(missing).toEqual([]);

    // The built server computes results in a worker thread on SQLite: same figures as the engine.
    const copy = (
      await json(`/api/evaluations/${evaluation.id}/campaigns`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token2}` },
        body: JSON.stringify({ title: 'Copie' }),
      })
    ).body;
    await json(`/api/campaigns/${copy.id}/responses/import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token2}` },
      body: JSON.stringify(coopart.responses()),
    });
    const results = await json(`/api/campaigns/${copy.id}/results`, { headers: { Authorization: `Bearer ${token2}` } });
    expect(results.status).toBe(200);
    expect(results.body).toEqual(coopart.expected());
  }, 180_000);
});
