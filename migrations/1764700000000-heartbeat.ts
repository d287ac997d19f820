import type { MigrationInterface, QueryRunner } from 'typeorm';

// The health check's write probe (server/src/modules/health/heartbeat.entity.ts).
export class Heartbeat1764700000000 implements MigrationInterface {
  name = 'Heartbeat1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      q.connection.options.type === 'postgres'
        ? 'CREATE TABLE "heartbeat" ("id" integer NOT NULL, "checked_at" character varying(32) NOT NULL, CONSTRAINT "pk_heartbeat" PRIMARY KEY ("id"))'
        : 'CREATE TABLE "heartbeat" ("id" integer PRIMARY KEY NOT NULL, "checked_at" varchar(32) NOT NULL)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "heartbeat"');
  }
}
