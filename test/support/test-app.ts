import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../server/src/app.setup.js';
import { type AppConfig, loadConfig } from '../../server/src/config/config.js';

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

/** A database for one test file: a fresh SQLite file, or a fresh PostgreSQL database. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop(): Promise<void>;
}

export type DatabaseKind = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when TRAME_TEST_DATABASE_URL is set (CI: test/support/start-postgres.sh). */
export const DATABASES: DatabaseKind[] = process.env.TRAME_TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'trame-e2e-'));
    return {
      name: 'sqlite',
      env: { DATABASE_PATH: join(dir, 'trame.sqlite') },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
    };
  }
  const base = new URL(process.env.TRAME_TEST_DATABASE_URL!);
  const dbName = `trame_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${dbName}`;
  return {
    name: 'postgres',
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(db: TestDatabase, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    ...db.env,
    TRAME_DEMO: '0',
    TRAME_ADMIN_EMAIL: ADMIN.email,
    TRAME_ADMIN_PASSWORD: ADMIN.password,
    TRAME_RATE_LIMIT_LOGIN: '0',
    TRAME_RATE_LIMIT_PUBLIC: '0',
    PUBLIC_URL: 'http://trame.test',
    ...extra,
  });
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: ReturnType<typeof request>;
  /** Authorization header of the administrator. */
  auth: { Authorization: string };
  close(): Promise<void>;
}

export async function startApp(db: TestDatabase, extra: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(db, extra);
  const { app } = await createApp(config, { logger: ['error'] });
  const server = app.getHttpServer();
  const http = request(server);
  const res = await http.post('/api/auth/token').send(ADMIN).expect(200);
  return {
    app,
    config,
    http,
    auth: { Authorization: `Bearer ${(res.body as { token: string }).token}` },
    close: () => app.close(),
  };
}

/** supertest's body parser for binary answers (workbooks, gzip): the body as one Buffer. Use `.parse(binary as never)`. */
export const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
