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
