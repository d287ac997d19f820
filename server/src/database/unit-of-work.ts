import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Runs units of database work in short explicit transactions.
 *
 * On SQLite, TypeORM shares one connection for the whole app: two concurrent `transaction()` calls
 * interleave on it, the second fails ("cannot start a transaction within a transaction") and a rollback
 * can undo another request's acknowledged insert (measured on TypeORM 1.1.1). So on SQLite every unit
 * goes through one async queue. PostgreSQL has a pool: units run concurrently.
 * The promise resolves only after COMMIT, so callers answer a write only once it is durable.
 */
@Injectable()
export class UnitOfWork {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.dataSource.transaction(work);
    const next = this.tail.then(() => this.dataSource.transaction(work));
    // Keep the queue going whatever this unit's outcome.
    this.tail = next.catch(() => undefined);
    return next;
  }
}
