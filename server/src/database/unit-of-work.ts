import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type Work<T> = (em: EntityManager) => Promise<T>;
interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Units committed together at most (group commit on SQLite). */
const MAX_BATCH = 256;

/**
 * Runs units of database work in short explicit transactions; the promise resolves only after COMMIT,
 * so callers answer a write only once it is durable.
 *
 * PostgreSQL has a pool: each unit is its own transaction, concurrently.
 *
 * On SQLite, TypeORM shares one connection for the whole app: two concurrent `transaction()` calls
 * interleave on it, the second fails ("cannot start a transaction within a transaction") and a rollback
 * can undo another request's acknowledged insert (measured on TypeORM 1.1.1). So every unit goes through
 * one queue. While a transaction commits, new units wait; the next transaction takes all of them (group
 * commit), each inside its own SAVEPOINT: a failing unit is rolled back alone and rejected, the others
 * commit together, and all are answered after that one COMMIT (one fsync for many submissions).
 */
@Injectable()
export class UnitOfWork {
  private readonly serial: boolean;
  private pending: Pending[] = [];
  private draining = false;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: Work<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
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
    const qr = this.dataSource.createQueryRunner();
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await qr.startTransaction();
      for (const unit of batch) {
        await qr.query('SAVEPOINT unit_of_work');
        try {
          const value = await unit.work(qr.manager);
          await qr.query('RELEASE unit_of_work');
          outcomes.push({ ok: true, value });
        } catch (error) {
          await qr.query('ROLLBACK TO unit_of_work');
          await qr.query('RELEASE unit_of_work');
          outcomes.push({ ok: false, error });
        }
      }
      await qr.commitTransaction();
    } catch (error) {
      // The transaction itself failed (BEGIN, a savepoint or COMMIT): nothing of this batch is durable.
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      for (const unit of batch) unit.reject(error);
      return;
    } finally {
      await qr.release();
    }
    outcomes.forEach((o, i) => (o.ok ? batch[i]!.resolve(o.value) : batch[i]!.reject(o.error)));
  }
}
