import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { ENTITIES } from './entities.js';

/**
 * The one data-source definition, used by the app (TypeOrmModule), by `npm run db:migrate` and by tests.
 * Migrations are the only way the schema changes: synchronize is always off; pending migrations run
 * when the data source initialises.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: true, // at app start and `npm run db:migrate`
    logging: db.logging,
  } as const;
  if (db.type === 'postgres') {
    return { ...common, type: 'postgres', url: db.url, extra: { max: 20 } };
  }
  mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    prepareDatabase: (conn: Database.Database) => {
      conn.pragma('journal_mode = WAL');
      // better-sqlite3 opens WAL databases at synchronous=NORMAL: an acknowledged commit could be lost on
      // power failure. FULL fsyncs the WAL at every commit.
      conn.pragma('synchronous = FULL');
      conn.pragma('busy_timeout = 5000');
      conn.pragma('foreign_keys = ON');
    },
  };
}

export function createDataSource(db: DatabaseConfig): DataSource {
  return new DataSource(dataSourceOptions(db));
}

/** The raw better-sqlite3 handle, for pragma checks. */
export function sqliteHandle(ds: DataSource): Database.Database | null {
  if (ds.options.type !== 'better-sqlite3') return null;
  return (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}
