import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { resetSqliteConnection, sqliteWriteProbe } from './data-source.js';
import { asStorageError, isStorageFailure, StorageUnavailableError } from './storage-failure.js';

type Work<T> = (em: EntityManager) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Units committed together at most (group commit on SQLite). */
const MAX_BATCH = 256;

/** What the last writes did, for the health check. */
export interface WriteHealth {
  ok: boolean;
  /** When writes started failing (ISO), while they fail. */
  failingSince: string | null;
  /** The database's own words for the last failure, for the operator. */
  lastError: string | null;
}

/**
 * Runs units of database work in short explicit transactions; the promise resolves only after COMMIT,
 * so callers answer a write only once it is durable. A unit that could not be stored because the storage
 * failed (disk full, I/O error, read-only file, database unreachable) rejects with StorageUnavailableError
 * (503): the respondent's page keeps the answers and sends them again.
 *
 * PostgreSQL has a pool: each unit is its own transaction, concurrently.
 *
 * On SQLite, TypeORM shares one connection for the whole app: two concurrent `transaction()` calls
 * interleave on it, the second fails ("cannot start a transaction within a transaction") and a rollback
 * can undo another request's acknowledged insert (measured on TypeORM 1.1.1). So every unit goes through
 * one queue. While a transaction commits, new units wait; the next transaction takes all of them (group
 * commit), each inside its own SAVEPOINT: a failing unit is rolled back alone and rejected, the others
 * commit together, and all are answered after that one COMMIT (one fsync for many submissions).
 *
 * When the transaction itself fails (BEGIN, a savepoint, COMMIT: a full disk, an I/O error), the state of
 * the connection is unknown: SQLite may or may not have rolled back, and TypeORM's query runner still
 * believes a transaction is open (it only clears its flag after a successful COMMIT or ROLLBACK), so the
 * next batch would run as savepoints of a transaction that never commits, acknowledged and then lost. The
 * connection is therefore thrown away and reopened before anything else runs on it.
 *
 * A COMMIT that reported success is only trusted once the filesystem is seen still writable after it
 * (sqliteWriteProbe): a disk failing during the fsync can make it report success for data that is not
 * on the disk. If the check fails, the batch is answered as failed (503, the page sends it again) even
 * though SQLite believes it committed.
 */
@Injectable()
export class UnitOfWork {
  private readonly logger = new Logger('Écritures');
  private readonly serial: boolean;
  private pending: Pending[] = [];
  private draining = false;
  private health: WriteHealth = { ok: true, failingSince: null, lastError: null };
  /** The last reset of the connection failed: the next batch tries again before anything else. */
  private connectionSuspect = false;
  /** Asked after each COMMIT on SQLite: can the filesystem still be trusted (see sqliteWriteProbe). */
  private readonly probeDisk: (() => void) | null;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
    this.probeDisk = this.serial ? sqliteWriteProbe(dataSource) : null;
  }

  run<T>(work: Work<T>): Promise<T> {
    if (!this.serial) {
      return this.dataSource.transaction(work).then(
        (value) => {
          this.succeeded();
          return value;
        },
        (error: unknown) => {
          if (isStorageFailure(error)) this.failed(error);
          throw asStorageError(error);
        },
      );
    }
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  /** Whether the last write committed; while writes fail, since when and why. */
  writeHealth(): WriteHealth {
    return { ...this.health };
  }

  private succeeded(): void {
    if (!this.health.ok) this.logger.log('Les écritures aboutissent de nouveau');
    this.health = { ok: true, failingSince: null, lastError: null };
  }

  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.health.ok) this.logger.error(`Écriture impossible : ${message}`);
    this.health = { ok: false, failingSince: this.health.failingSince ?? new Date().toISOString(), lastError: message };
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        // SQLite's COMMIT is synchronous and blocks the event loop for its fsync: requests that arrived
        // meanwhile are still waiting in I/O callbacks. One turn of the loop lets them reach run().
        await new Promise((resolve) => setImmediate(resolve));
        await this.runBatch(this.pending.splice(0, MAX_BATCH));
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    if (this.connectionSuspect && !(await this.resetConnection(null))) {
      const error = new StorageUnavailableError(new Error(this.health.lastError ?? 'connexion SQLite inutilisable'));
      for (const unit of batch) unit.reject(error);
      return;
    }
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      const qr = this.dataSource.createQueryRunner();
      await qr.startTransaction();
      for (const unit of batch) {
        await qr.query('SAVEPOINT unit_of_work');
        try {
          const value = await unit.work(qr.manager);
          await qr.query('RELEASE unit_of_work');
          outcomes.push({ ok: true, value });
        } catch (error) {
          // If this fails too (SQLite rolled the whole transaction back on a full disk), the batch fails.
          await qr.query('ROLLBACK TO unit_of_work');
          await qr.query('RELEASE unit_of_work');
          outcomes.push({ ok: false, error });
        }
      }
      await qr.commitTransaction();
      // A COMMIT is only as good as the fsync under it, which a failing disk may answer with a lie.
      this.probeDisk?.();
    } catch (error) {
      // The transaction itself failed: nothing of this batch is durable, and nobody is told otherwise.
      this.failed(error);
      await this.resetConnection(error);
      // Not the units' fault, whatever the cause: the same request may go through once writes work again.
      const answer = error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error);
      for (const unit of batch) unit.reject(answer);
      return;
    }
    // A unit refused by the storage itself (its own statement hit the full disk) means writes fail too.
    const storageFailure = outcomes.find((o) => !o.ok && isStorageFailure(o.error));
    if (storageFailure && !storageFailure.ok) this.failed(storageFailure.error);
    else this.succeeded();
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(asStorageError(o.error))));
  }

  /** After a failed transaction: the connection back to a known state (see resetSqliteConnection). */
  private async resetConnection(cause: unknown): Promise<boolean> {
    try {
      await resetSqliteConnection(this.dataSource);
      this.connectionSuspect = false;
      if (cause) this.logger.warn(`Transaction annulée (${describe(cause)}) : connexion SQLite remise à zéro`);
      return true;
    } catch (error) {
      this.connectionSuspect = true;
      this.failed(error);
      this.logger.error(`Connexion SQLite inutilisable : ${describe(error)}`);
      return false;
    }
  }
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
