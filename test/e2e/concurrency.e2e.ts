import { randomUUID } from 'node:crypto';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp } from '../support/test-app.js';

/** 500 submissions from 20 parallel clients give exactly 500 responses, none lost, none doubled. */
describe.each(DATABASES)('concurrent submissions on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('500 submissions / 20 clients → exactly 500 complete responses', async () => {
    const evaluation = (await t.http.post('/api/evaluations').set(t.auth).send(coopart.bundle()).expect(201)).body;
    const c = (
      await t.http.post(`/api/evaluations/${evaluation.id}/campaigns`).set(t.auth).send({ title: 'Charge' }).expect(201)
    ).body;
    const records = coopart.responses().responses;
    const statuses: number[] = [];
    let next = 0;
    const client = async () => {
      while (next < 500) {
        const i = next++;
        const id = randomUUID();
        const url = `${base.replace('[::1]', '127.0.0.1')}/api/public/campaigns/${c.slug}/responses/${id}`;
        const body = JSON.stringify({ status: 'complete', data: records[i % records.length]!.data });
        const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
        statuses.push(res.status);
        // Every tenth one is sent twice (a retry after a lost acknowledgement): still one response.
        if (i % 10 === 0)
          statuses.push(
            (await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })).status === 200
              ? 0
              : -1,
          );
        // Every tenth other one is then changed: refused (409) inside a shared SQLite batch, alone.
        if (i % 10 === 5) {
          const changed = JSON.stringify({
            status: 'complete',
            data: { ...records[i % records.length]!.data, statut: 'non_associe', profil: 'autre' },
          });
          statuses.push(
            (await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: changed }))
              .status === 409
              ? 0
              : -2,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, client));
    expect(statuses.filter((s) => s === 201)).toHaveLength(500);
    expect(statuses.filter((s) => s !== 201 && s !== 0)).toEqual([]);
    const status = (await t.http.get(`/api/campaigns/${c.id}`).set(t.auth).expect(200)).body;
    expect(status.responses).toEqual({ complete: 500, partial: 0 });
    const results = (await t.http.get(`/api/campaigns/${c.id}/results`).set(t.auth).expect(200)).body;
    expect(results.respondents.total).toBe(500);
  }, 120_000);
});
