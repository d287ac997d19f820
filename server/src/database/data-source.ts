import { accessSync, closeSync, constants, existsSync, ftruncateSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';
import type { DatabaseConfig } from '../config/config.js';
import { MIGRATIONS } from '../../../migrations/index.js';

/** The entities of the app's tables: assembled at the top (app.entities.ts), unknown to this folder. */
export type Entities = MixedList<string | (new (...args: never[]) => unknown)>;

/**
 * The one data-source definition, used by the app (TypeOrmModule), by `npm run db:migrate` and by tests,
 * each giving the entities (app.entities.ts). Migrations are the only way the schema changes: synchronize
 * is always off; pending migrations run when the data source initialises.
 */
export function dataSourceOptions(db: DatabaseConfig, entities: Entities): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: true, // at app start and `npm run db:migrate`
    logging: db.logging,
  } as const;
  if (db.type === 'postgres') {
    return { ...common, type: 'postgres', url: db.url, extra: { max: 20 } };
  }
  assertWritable(db.path);
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

/** Refused at start: a database the server cannot write to (each later write would fail). */
export class DatabaseNotWritableError extends Error {}

/**
 * The SQLite file and its folder (where SQLite writes its -wal and -shm files) must be writable: a
 * read-only file, folder or filesystem would start "healthy" and then refuse every write. Checked before
 * the database is opened, with the operator's words.
 */
function assertWritable(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'EROFS' ? 'système de fichiers en lecture seule' : (e as Error).message;
    throw new DatabaseNotWritableError(
      `La base SQLite ${path} n’est pas accessible en écriture (${reason}). Trame doit pouvoir écrire dans ce fichier et dans son dossier ${dir} : vérifiez les droits, le montage et l’espace disque, ou choisissez un autre DATABASE_PATH.`,
    );
  }
}

export function createDataSource(db: DatabaseConfig, entities: Entities): DataSource {
  return new DataSource(dataSourceOptions(db, entities));
}

/** The raw better-sqlite3 handle, for pragma checks. */
export function sqliteHandle(ds: DataSource): Database.Database | null {
  if (ds.options.type !== 'better-sqlite3') return null;
  return (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
}

interface SqliteDriverInternals {
  databaseConnection: Database.Database;
  queryRunner: unknown;
  createDatabaseConnection(): Promise<Database.Database>;
}

/**
 * Brings the SQLite connection back to a known state after a failed transaction: whatever is still open
 * is rolled back, and TypeORM's query runner, whose transaction flags are only cleared by a COMMIT or
 * ROLLBACK that succeeded, is replaced by a fresh one. When the connection still reports a transaction
 * after that, it is thrown away for a new one; the old one is closed a minute later, since requests in
 * flight may still hold its prepared statements. Throws when no usable connection could be had.
 */
export async function resetSqliteConnection(ds: DataSource): Promise<void> {
  const driver = ds.driver as unknown as SqliteDriverInternals;
  const old = driver.databaseConnection;
  try {
    if (old.open && old.inTransaction) old.exec('ROLLBACK');
  } catch {
    /* judged below */
  }
  driver.queryRunner = undefined;
  if (old.open && !old.inTransaction) return;
  driver.databaseConnection = await driver.createDatabaseConnection();
  setTimeout(() => {
    try {
      old.close();
    } catch {
      /* already unusable */
    }
  }, 60_000).unref();
}

/**
 * Whether the filesystem under the SQLite file still accepts writes, asked after each COMMIT that
 * reported success. Needed because a COMMIT's fsync can report success for data that never reaches the
 * disk: measured on ext4 (kernel 6.18, `errors=remount-ro`), a commit whose fsync ran while the kernel was
 * aborting the journal after a disk error returned OK, and 5 of those acknowledged saves were missing
 * after repair (about one run in six of test/e2e/disk-faults.e2e.ts). Once the journal is aborted, every
 * change of file size fails (EROFS or EIO), and the abort is flagged before any fsync can rely on it: a
 * size change made after the COMMIT returned tells whether that COMMIT can be trusted. The probe is
 * `ftruncate` of a one-byte file beside the database (`<file>-probe`), toggled between 0 and 1 byte: no
 * data block, no fsync, a few microseconds. Throws the filesystem's error when the check fails.
 */
export function sqliteWriteProbe(ds: DataSource): (() => void) | null {
  const path = ds.options.type === 'better-sqlite3' ? String(ds.options.database) : '';
  if (!path || path === ':memory:' || path.startsWith('file::memory:')) return null;
  let fd: number | null = null;
  let size = 0;
  return () => {
    try {
      fd ??= openSync(`${path}-probe`, 'w');
      size = 1 - size;
      ftruncateSync(fd, size);
    } catch (error) {
      if (fd !== null) {
        try {
          closeSync(fd);
        } catch {
          /* the next probe opens it again */
        }
        fd = null;
      }
      throw error;
    }
  };
}
