import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9. The respondents' notice: its fields per campaign, as one JSON text column (null for the
 * campaigns created before: they show the pre-filled texts and stay open). A response's revision, which
 * each public save carries and increments, so that a save from a device that missed another's is refused
 * instead of overwriting it. Plain ADD COLUMN on SQLite, as 1764900000000-credentials.ts explains.
 */
export class PrivacyNoticeRevision1765000000000 implements MigrationInterface {
  name = 'PrivacyNoticeRevision1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "response" DROP COLUMN "revision"');
    await q.query('ALTER TABLE "campaign" DROP COLUMN "privacy"');
  }
}

const SQLITE_UP = [
  'ALTER TABLE "campaign" ADD COLUMN "privacy" text',
  'ALTER TABLE "response" ADD COLUMN "revision" integer NOT NULL DEFAULT (0)',
];
const POSTGRES_UP = [
  'ALTER TABLE "campaign" ADD "privacy" text',
  'ALTER TABLE "response" ADD "revision" integer NOT NULL DEFAULT \'0\'',
];
