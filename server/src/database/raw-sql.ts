import type { DataSource, EntityManager } from 'typeorm';

/**
 * Hand-written SQL for hot paths (public submissions): TypeORM's query builder costs more CPU than the
 * SQLite statements themselves there. Write `?` placeholders; they become `$1…` on PostgreSQL.
 */
export function rawQuery<T = Record<string, unknown>>(
  em: EntityManager | DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const ds = (em as EntityManager).connection ?? (em as DataSource);
  const pg = ds.options.type === 'postgres';
  let text = sql;
  if (pg) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
  }
  return em.query<T[]>(text, params);
}

/** A foreign key refused the row: what it names is gone (PostgreSQL 23503, SQLite's FOREIGN KEY constraint). */
export function isForeignKeyViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A unique index refused the row (PostgreSQL 23505, SQLite's UNIQUE or PRIMARY KEY constraint). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
