import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credentials (issue 7): a password version on users and, on sessions, the version they were opened
 * under, the CSRF token's digest, a label and the last use. PostgreSQL statements as
 * server/tools/generate-migration.mjs printed them. On SQLite the tool rebuilds `app_user` and `session`
 * (create a copy, copy the rows, drop, rename); plain ADD COLUMN gives the same schema, which the entity
 * agreement test checks, without copying either table.
 */
export class Credentials1764900000000 implements MigrationInterface {
  name = 'Credentials1764900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_DOWN : SQLITE_DOWN) await q.query(sql);
  }
}

const SQLITE_UP = [
  'ALTER TABLE "app_user" ADD COLUMN "credentials_version" integer NOT NULL DEFAULT (0)',
  'ALTER TABLE "session" ADD COLUMN "credentials_version" integer NOT NULL DEFAULT (0)',
  'ALTER TABLE "session" ADD COLUMN "csrf_hash" varchar(64)',
  'ALTER TABLE "session" ADD COLUMN "label" varchar(100)',
  'ALTER TABLE "session" ADD COLUMN "last_used_at" varchar(32)',
];
const SQLITE_DOWN = [
  'ALTER TABLE "session" DROP COLUMN "last_used_at"',
  'ALTER TABLE "session" DROP COLUMN "label"',
  'ALTER TABLE "session" DROP COLUMN "csrf_hash"',
  'ALTER TABLE "session" DROP COLUMN "credentials_version"',
  'ALTER TABLE "app_user" DROP COLUMN "credentials_version"',
];
const POSTGRES_UP = [
  'ALTER TABLE "app_user" ADD "credentials_version" integer NOT NULL DEFAULT \'0\'',
  'ALTER TABLE "session" ADD "credentials_version" integer NOT NULL DEFAULT \'0\'',
  'ALTER TABLE "session" ADD "csrf_hash" character varying(64)',
  'ALTER TABLE "session" ADD "label" character varying(100)',
  'ALTER TABLE "session" ADD "last_used_at" character varying(32)',
];
const POSTGRES_DOWN = [
  'ALTER TABLE "session" DROP COLUMN "last_used_at"',
  'ALTER TABLE "session" DROP COLUMN "label"',
  'ALTER TABLE "session" DROP COLUMN "csrf_hash"',
  'ALTER TABLE "session" DROP COLUMN "credentials_version"',
  'ALTER TABLE "app_user" DROP COLUMN "credentials_version"',
];
