/**
 * The one definition of a campaign's complete responses, as SQL: what results, exports, counts and the
 * results key read. No Nest and no TypeORM here: the results worker loads this file (and the campaigns
 * module's fragment for the campaign's revision) alone.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CAMPAIGN_REVISION } from '../campaigns/campaigns.repository.js';

/** The row of the key query. */
export interface KeyRow {
  revision: number | string;
  complete: number | string;
}

/** A stored complete response as read for results: its id and its answers' JSON text. */
export interface DataRow {
  id: number;
  data: string;
}

/**
 * The complete responses of one campaign in ONE snapshot (a read transaction): the key and the rows must
 * describe the same state. Sync (better-sqlite3) or async (PostgreSQL) answers are both accepted.
 */
export interface SnapshotSource {
  /** The key row of the campaign's complete responses. */
  key(): KeyRow | undefined | Promise<KeyRow | undefined>;
  /** The ids of the complete responses, ascending; only those above `after` when given. */
  ids(after?: number): number[] | Promise<number[]>;
  /** The complete responses in pages, ascending by id: all of them, or those of `ids`. */
  rows(ids?: number[]): Iterable<DataRow[]> | AsyncIterable<DataRow[]>;
}

/**
 * Rows of `response r` that are visible: public saves, and rows of published imports (an import's rows are
 * written in small transactions, then published at once; see response-import.entity.ts). The subquery does
 * not depend on the row: it is computed once per statement, and the index (campaign_id, status,
 * import_id) answers the rest without reading the rows.
 */
export const VISIBLE = `(r.import_id IS NULL OR r.import_id IN (SELECT i.id FROM response_import i WHERE i.state = 'published'))`;

/**
 * The campaign's complete responses, as a condition on `response r` whose one `?` is the campaign id.
 * The rows of results and exports, the cache key and the SQLite worker's statements are all built from it,
 * so a visibility rule added here applies to all of them at once.
 */
const COMPLETE = `r.campaign_id = ? AND r.status = 'complete' AND ${VISIBLE}`;

/** Rows per page for results: they are parsed and encoded at once, then dropped. */
export const PAGE = 2000;
/** Ids per `IN (…)` list. */
const LOOKUP = 500;

export const COMPLETE_SQL = {
  /** One row `{ revision, complete }`: the campaign id twice. */
  key: `SELECT ${CAMPAIGN_REVISION.column} AS revision, (SELECT COUNT(*) FROM response r WHERE ${COMPLETE}) AS complete
          FROM ${CAMPAIGN_REVISION.from}`,
  /** Ids above an id, ascending: the campaign id, then the id (0: all). */
  ids: `SELECT r.id FROM response r WHERE ${COMPLETE} AND r.id > ? ORDER BY r.id`,
  /** (id, data) of every complete response, ascending: the campaign id. */
  data: `SELECT r.id AS id, r.data AS data FROM response r WHERE ${COMPLETE} ORDER BY r.id`,
  /** A page of (id, uuid, submitted_at, data) after an id: the campaign id, the id, the page's size. */
  page: `SELECT r.id, r.uuid, r.submitted_at, r.data FROM response r WHERE ${COMPLETE} AND r.id > ? ORDER BY r.id LIMIT ?`,
  /** (id, data) of some responses of the campaign: the campaign id, then `n` ids. */
  some: (n: number) =>
    `SELECT r.id AS id, r.data AS data FROM response r WHERE r.campaign_id = ? AND r.id IN (${Array(n).fill('?').join(', ')}) ORDER BY r.id`,
};

/**
 * The key of a campaign's set of complete responses (see docs/adr/0005): its size, and the campaign's
 * revision, which counts every change to the set other than a public save adding a response. A save only
 * ever adds to the set (a complete response is never modified by the public routes), so the size tells
 * saves apart without any row written by all of them.
 */
export function completeKeyOf(row: KeyRow | null | undefined): string {
  return row ? `${Number(row.revision)}+${Number(row.complete)}` : 'none';
}

/** `ids` in slices of LOOKUP, for `IN (…)` lists. */
export function* slices(ids: number[]): Iterable<number[]> {
  for (let i = 0; i < ids.length; i += LOOKUP) yield ids.slice(i, i + LOOKUP);
}

/**
 * A campaign's complete responses on a better-sqlite3 connection. The caller holds the read transaction
 * that makes the key and the rows one snapshot (WAL: committed data only, while the app writes).
 */
export function sqliteSnapshotSource(db: BetterSqlite3.Database, campaignId: number): SnapshotSource {
  return {
    key: () => db.prepare(COMPLETE_SQL.key).get(campaignId, campaignId) as KeyRow | undefined,
    ids: (after = 0) =>
      (db.prepare(COMPLETE_SQL.ids).pluck().all(campaignId, after) as (number | bigint)[]).map(Number),
    *rows(ids?: number[]) {
      if (!ids) {
        // Lazily, a page at a time: the rows are parsed and encoded as they come, never all held.
        let page: DataRow[] = [];
        for (const r of db.prepare(COMPLETE_SQL.data).iterate(campaignId) as IterableIterator<DataRow>) {
          page.push(r);
          if (page.length === PAGE) {
            yield page;
            page = [];
          }
        }
        if (page.length) yield page;
        return;
      }
      for (const part of slices(ids))
        yield db.prepare(COMPLETE_SQL.some(part.length)).all(campaignId, ...part) as DataRow[];
    },
  };
}

/** Runs one statement (`?` placeholders) and returns its rows. */
export type RowQuery = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/** `?` placeholders as PostgreSQL's `$1…` (the statements of this file hold no other `?`). */
export function pgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * A campaign's complete responses through an asynchronous connection (PostgreSQL), inside the caller's
 * REPEATABLE READ transaction. The next page is asked for as soon as one arrives, so the database reads it
 * while the engine encodes the one before.
 */
export function querySnapshotSource(query: RowQuery, campaignId: number): SnapshotSource {
  const page = (rows: { id: number | string; data: string }[]): DataRow[] =>
    rows.map((r) => ({ id: Number(r.id), data: r.data }));
  type Raw = { id: number | string; data: string };
  return {
    key: async () => (await query<KeyRow>(COMPLETE_SQL.key, [campaignId, campaignId]))[0],
    ids: async (after = 0) =>
      (await query<{ id: number | string }>(COMPLETE_SQL.ids, [campaignId, after])).map((r) => Number(r.id)),
    async *rows(ids?: number[]) {
      if (ids) {
        for (const part of slices(ids))
          yield page(await query<Raw>(COMPLETE_SQL.some(part.length), [campaignId, ...part]));
        return;
      }
      let next: Promise<Raw[]> | null = query<Raw>(COMPLETE_SQL.page, [campaignId, 0, PAGE]);
      while (next) {
        const rows: Raw[] = await next;
        next =
          rows.length === PAGE
            ? query<Raw>(COMPLETE_SQL.page, [campaignId, Number(rows[rows.length - 1]!.id), PAGE])
            : null;
        // Not awaited if the consumer stops early: its failure then has nobody to report to.
        next?.catch(() => undefined);
        if (rows.length) yield page(rows);
      }
    },
  };
}
