import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { coopart } from '../support/fixtures.js';
import { DATABASES, freshDatabase, type TestApp, type TestDatabase, startApp, binary } from '../support/test-app.js';

/**
 * Every request's work is bounded before it starts (issue 7): bodies are read after authentication and
 * within their route's limit, spreadsheets within their rows and cells, JSON within its depth; 429s say
 * when to come back; exported cells written from user text never run as formulas.
 */
const MB = 1024 * 1024;
type Json = ReturnType<typeof JSON.parse>;

/** 45 MB of JSON: 15 million empty objects, seconds and gigabytes to parse, as bytes. */
const HUGE = Buffer.from(`[${'{},'.repeat(15_000_000)}{}]`);

/** Heap and buffer growth over a run, sampled every 5 ms (the server runs in this process). */
async function measured<T>(run: () => Promise<T>): Promise<{ value: T; ms: number; mb: number }> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 5);
  const start = performance.now();
  try {
    const value = await run();
    return { value, ms: performance.now() - start, mb: (Math.max(peak, used()) - before) / MB };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * A raw request carrying ~45 MB of JSON, with its Content-Length or chunked (no length), written until the
 * server answers: the answer is what is measured, not the upload.
 */
async function send45(t: TestApp, method: string, path: string, opts: { chunked?: boolean } = {}) {
  const server = t.app.getHttpServer() as { listening: boolean; address(): AddressInfo };
  if (!server.listening) await t.app.listen(0, '127.0.0.1');
  const { port } = server.address();
  return new Promise<{ status: number; body: Json; sent: number; closed: boolean }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (!opts.chunked) headers['content-length'] = HUGE.length;
    const req = httpRequest({ port, host: '127.0.0.1', method, path, headers });
    const PIECE = 64 * 1024;
    const pump = () => {
      while (!answered && sent < HUGE.length) {
        const piece = HUGE.subarray(sent, sent + PIECE);
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({
          status: res.statusCode!,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          sent,
          closed: res.headers.connection === 'close',
        });
        req.destroy();
      });
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    pump();
  });
}

/** A JSON document with `value` nested `depth` deep at the place of the string "DEEP" (written as text). */
const deep = (doc: unknown, depth: number) =>
  JSON.stringify(doc).replace('"DEEP"', '['.repeat(depth) + ']'.repeat(depth));

describe.each(DATABASES)('bounded work per request on %s', (kind) => {
  let db: TestDatabase;
  let t: TestApp;
  let evaluationId: number;
  let campaign: { id: number; slug: string };

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(db);
    const bundle = coopart.bundle();
    // A question whose name and title are formulas: the exports must write them as text.
    bundle.questionnaire.pages[0].elements.push({ type: 'text', name: '=1+2', title: '=HYPERLINK("http://x")' });
    evaluationId = (await t.http.post('/api/evaluations').set(t.auth).send(bundle).expect(201)).body.id;
    campaign = (
      await t.http.post(`/api/evaluations/${evaluationId}/campaigns`).set(t.auth).send({ title: 'Limites' }).expect(201)
    ).body;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  describe('a 45 MB JSON body without credentials is refused without being read', () => {
    it.each([
      ['POST', '/api/evaluations', 401],
      ['POST', '/api/campaigns/1/responses/import', 401],
      ['PUT', '/api/evaluations/1/questionnaire', 401],
      ['POST', '/api/auth/token', 413],
      ['PUT', `/api/public/campaigns/x/responses/${randomUUID()}`, 413],
    ])('%s %s → %i, in well under a second', async (method, path, status) => {
      const { value: res, ms, mb } = await measured(() => send45(t, method, path));
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, code: expect.any(String), message: expect.any(String) });
      expect(ms).toBeLessThan(1000);
      expect(mb).toBeLessThan(200);
    });

    it('a chunked body (no length) is cut at the public limit while it streams, and the connection closed', async () => {
      const {
        value: res,
        ms,
        mb,
      } = await measured(() =>
        send45(t, 'PUT', `/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`, { chunked: true }),
      );
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Corps de requête trop volumineux (256 Kio au plus)',
      });
      expect(res.closed).toBe(true);
      expect(res.sent).toBeLessThan(45 * MB);
      expect(ms).toBeLessThan(1000);
      expect(mb).toBeLessThan(200);
    });

    it('and without credentials on an upload route, it is not read at all', async () => {
      const { value: res, ms } = await measured(() => send45(t, 'POST', '/api/evaluations', { chunked: true }));
      expect(res.status).toBe(401);
      expect(ms).toBeLessThan(1000);
    });

    it('a multipart upload without credentials is refused before multer reads it', async () => {
      const file = Buffer.alloc(45 * MB, 'a');
      const {
        value: res,
        ms,
        mb,
      } = await measured(() =>
        t.http.post(`/api/campaigns/${campaign.id}/responses/import`).attach('file', file, 'reponses.csv'),
      );
      expect(res.status).toBe(401);
      expect(ms).toBeLessThan(1000);
      expect(mb).toBeLessThan(200);
    });
  });

  describe('authenticated routes have their own limits', () => {
    it('an upload route takes a body larger than the default limit (Coop’Art × 20, 2.5 MB)', async () => {
      const { responses } = coopart.responses();
      const many = Array.from({ length: 20 }, (_, k) => responses.map((r) => ({ ...r, id: `${r.id}-${k}` }))).flat();
      const body = JSON.stringify({ format: 'trame-responses/1', responses: many });
      expect(body.length).toBeGreaterThan(2 * MB);
      const res = await t.http
        .post(`/api/campaigns/${campaign.id}/responses/import`)
        .set(t.auth)
        .set('content-type', 'application/json')
        .send(body)
        .expect(201);
      expect(res.body).toEqual({ imported: 1700, complete: 1700 });
    });

    it('other routes keep 1 MiB', async () => {
      const questionnaire = { pages: [{ name: 'p', elements: [], description: 'x'.repeat(2 * MB) }] };
      const res = await t.http
        .put(`/api/evaluations/${evaluationId}/questionnaire`)
        .set(t.auth)
        .send({ questionnaire })
        .expect(413);
      expect(res.body).toEqual({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Corps de requête trop volumineux (1 Mo au plus)',
        details: { limit: MB },
      });
    });

    it('a file over 50 MB is a 413 with the uniform body', async () => {
      const res = await t.http
        .post(`/api/campaigns/${campaign.id}/responses/import`)
        .set(t.auth)
        .attach('file', Buffer.alloc(50 * MB + 1, 'a'), 'reponses.csv')
        .expect(413);
      expect(res.body).toEqual({
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Fichier trop volumineux (50 Mo au plus)',
      });
    });

    it('an XLSX with one cell in column XFD on 2,000 rows is a 422 at once', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Réponses');
      ws.getCell(1, 1).value = 'statut';
      for (let r = 1; r <= 2000; r++) ws.getCell(r, 16_384).value = 'x';
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const {
        value: res,
        ms,
        mb,
      } = await measured(() =>
        t.http.post(`/api/campaigns/${campaign.id}/responses/import`).set(t.auth).attach('file', file, 'r.xlsx'),
      );
      expect(res.status).toBe(422);
      expect(res.body.details.errors[0]).toMatchObject({ path: 'dimension A1:XFD2000' });
      expect(ms).toBeLessThan(1000);
      expect(mb).toBeLessThan(200);
    });
  });

  describe('JSON nested thousands deep is a 400, never a 500', () => {
    const send = (method: 'put' | 'post', path: string, body: string) =>
      t.http[method](path).set(t.auth).set('content-type', 'application/json').send(body);

    it('in a public answer (100,000 deep, 200 KB)', async () => {
      const body = deep({ status: 'partial', data: { commentaire_libre: 'DEEP' } }, 100_000);
      const res = await send('put', `/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`, body);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'JSON_TOO_DEEP',
        message: 'JSON trop imbriqué (64 niveaux au plus)',
        details: { maxDepth: 64 },
      });
    });

    it('in a bundle, and in an import', async () => {
      const bundle = coopart.bundle();
      bundle.questionnaire.pages[0].elements[0].choices = 'DEEP';
      expect((await send('post', '/api/evaluations', deep(bundle, 100_000))).status).toBe(400);
      const records = [{ statut: 'DEEP' }];
      const path = `/api/campaigns/${campaign.id}/responses/import`;
      expect((await send('post', path, deep(records, 100_000))).status).toBe(400);
    });

    it('64 levels are read as usual (a wrong answer: 422)', async () => {
      const body = deep({ status: 'partial', data: { commentaire_libre: 'DEEP' } }, 60);
      const res = await send('put', `/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`, body);
      expect(res.status).toBe(422);
    });
  });

  describe('exported cells from user text are never formulas', () => {
    beforeAll(async () => {
      const data = { ...coopart.responses().responses[0]!.data, '=1+2': '@SUM(A1)' };
      await t.http
        .put(`/api/public/campaigns/${campaign.slug}/responses/${randomUUID()}`)
        .send({ status: 'complete', data })
        .expect(201);
      // submittedAt is free text in an imported CSV.
      await t.http
        .post(`/api/campaigns/${campaign.id}/responses/import`)
        .set(t.auth)
        .attach('file', Buffer.from('id;submittedAt;statut\nx1;=1+2;associe\n'), 'r.csv')
        .expect(201);
    });

    it('in the CSV: the header, the answers and submittedAt', async () => {
      const res = await t.http.get(`/api/campaigns/${campaign.id}/responses.csv`).set(t.auth).expect(200);
      const [header, ...rows] = (res.text.startsWith('\uFEFF') ? res.text.slice(1) : res.text).split('\r\n');
      const names = header!.split(';');
      expect(names).toContain("'=1+2");
      expect(names).not.toContain('=1+2');
      const col = names.indexOf("'=1+2");
      expect(rows.some((r) => r.split(';')[col] === "'@SUM(A1)")).toBe(true);
      expect(rows.some((r) => r.startsWith("x1;'=1+2;"))).toBe(true);
      expect([header!, ...rows].flatMap((r) => r.split(';')).filter((cell) => /^[=+@]/.test(cell))).toEqual([]);
    });

    it('in every sheet of the workbook', async () => {
      const res = await t.http
        .get(`/api/campaigns/${campaign.id}/export.xlsx`)
        .set(t.auth)
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const texts: string[] = [];
      const formulas: string[] = [];
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((c) => {
            if (typeof c.value === 'string') texts.push(c.value);
            if (c.formula) formulas.push(`${ws.name}!${c.address}`);
          }),
        );
      expect(texts).toEqual(expect.arrayContaining(["'=1+2", '\'=HYPERLINK("http://x")', "'@SUM(A1)"]));
      expect(texts.filter((s) => /^[=+@\t\r]/.test(s))).toEqual([]);
      expect(formulas).toEqual([]);
    });
  });
});

describe('every 429 says when to come back', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await freshDatabase('sqlite');
    t = await startApp(db, { TRAME_RATE_LIMIT_LOGIN: '3', TRAME_RATE_LIMIT_PUBLIC: '1' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('login (the test app used one attempt to get its token)', async () => {
    const statuses: { status: number; retryAfter: string | undefined }[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await t.http.post('/api/auth/login').send({ email: 'x@example.org', password: 'faux mot de passe' });
      statuses.push({ status: res.status, retryAfter: res.headers['retry-after'] });
    }
    const limited = statuses.filter((s) => s.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const s of limited) {
      expect(Number(s.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(s.retryAfter)).toBeLessThanOrEqual(60);
    }
  });

  it('public saves', async () => {
    const put = () =>
      t.http.put(`/api/public/campaigns/x/responses/${randomUUID()}`).send({ status: 'partial', data: {} });
    await put();
    const res = await put().expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
