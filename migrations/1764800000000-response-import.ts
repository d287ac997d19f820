import type { MigrationInterface, QueryRunner } from 'typeorm';

// Imports staged then published (server/src/modules/responses/response-import.entity.ts).
export class ResponseImport1764800000000 implements MigrationInterface {
  name = 'ResponseImport1764800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of q.connection.options.type === 'postgres' ? POSTGRES_UP : SQLITE_UP) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of DOWN) await q.query(sql);
  }
}

const SQLITE_UP = [
  'CREATE TABLE "response_import" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "campaign_id" integer NOT NULL, "state" varchar(16) NOT NULL, "file_name" varchar(255), "row_count" integer NOT NULL, "created_at" varchar(32) NOT NULL, "published_at" varchar(32))',
  'CREATE INDEX "ix_response_import_campaign" ON "response_import" ("campaign_id") ',
  'ALTER TABLE "response" ADD COLUMN "import_id" integer',
  'CREATE INDEX "ix_response_campaign_status_import" ON "response" ("campaign_id", "status", "import_id") ',
];

const POSTGRES_UP = [
  'CREATE TABLE "response_import" ("id" SERIAL NOT NULL, "campaign_id" integer NOT NULL, "state" character varying(16) NOT NULL, "file_name" character varying(255), "row_count" integer NOT NULL, "created_at" character varying(32) NOT NULL, "published_at" character varying(32), CONSTRAINT "pk_response_import" PRIMARY KEY ("id"))',
  'CREATE INDEX "ix_response_import_campaign" ON "response_import" ("campaign_id") ',
  'ALTER TABLE "response" ADD "import_id" integer',
  'CREATE INDEX "ix_response_campaign_status_import" ON "response" ("campaign_id", "status", "import_id") ',
];

const DOWN = [
  'DROP INDEX "ix_response_campaign_status_import"',
  'ALTER TABLE "response" DROP COLUMN "import_id"',
  'DROP INDEX "ix_response_import_campaign"',
  'DROP TABLE "response_import"',
];
