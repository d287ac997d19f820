// Every migration, in order. A committed migration is never edited: add a new one
// (server/tools/generate-migration.mjs prints the SQL for both databases).
import type { MigrationInterface } from 'typeorm';
import { Initial1763860000000 } from './1763860000000-initial.js';
import { Heartbeat1764700000000 } from './1764700000000-heartbeat.js';
import { ResponseImport1764800000000 } from './1764800000000-response-import.js';
import { Credentials1764900000000 } from './1764900000000-credentials.js';
import { PrivacyNoticeRevision1765000000000 } from './1765000000000-privacy-notice.js';

export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1763860000000,
  Heartbeat1764700000000,
  ResponseImport1764800000000,
  Credentials1764900000000,
  PrivacyNoticeRevision1765000000000,
];
