import { Inject, Injectable } from '@nestjs/common';
import type { ResponseRecord } from '@trame/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { sqliteHandle } from '../../database/data-source.js';
import { rawQuery } from '../../database/raw-sql.js';

export interface StoredResponse {
  id: number;
  uuid: string;
  submittedAt: string | null;
  data: Record<string, unknown>;
}

/** What results are computed on: the complete responses of one state, and the key of that state. */
export interface CompleteSnapshot {
  key: string;
  records: Iterable<ResponseRecord>;
}

/** The row of the key query. */
export interface KeyRow {
  revision: number | string;
  complete: number | string;
}

/** The statements the SQLite results worker runs (evaluate.worker.ts), both with `?` = the campaign id. */
export interface SnapshotStatements {
  /** One row `{ revision, complete }`: two parameters, the campaign id twice. */
  key: string;
  /** The data column of every complete response, in id order: one parameter. */
  data: string;
}

const BATCH = 2000;

/**
 * Rows of `response r` that are visible: public saves, and rows of published imports (an import's rows are
 * written in small transactions, then published at once; see response-import.entity.ts). The subquery does
 * not depend on the row: it is computed once per statement, and the index (campaign_id, status,
 * import_id) answers the rest without reading the rows.
 */
export const VISIBLE = `(r.import_id IS NULL OR r.import_id IN (SELECT i.id FROM response_import i WHERE i.state = 'published'))`;

/**
 * The campaign's complete responses, as a condition on `response r` whose one `?` is the campaign id.
 * The only definition of that set: the rows of results and exports, the cache key and the SQLite
 * worker's statements are all built from it, so a visibility rule added here (responses of an import not
 * yet published, for instance) applies to all of them at once.
 */
const COMPLETE = `r.campaign_id = ? AND r.status = 'complete' AND ${VISIBLE}`;

const SQL = {
  key: `SELECT c.revision AS revision, (SELECT COUNT(*) FROM response r WHERE ${COMPLETE}) AS complete
          FROM campaign c WHERE c.id = ?`,
  data: `SELECT r.data FROM response r WHERE ${COMPLETE} ORDER BY r.id`,
  batch: `SELECT r.id, r.uuid, r.submitted_at, r.data FROM response r WHERE ${COMPLETE} AND r.id > ? ORDER BY r.id LIMIT ${BATCH}`,
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

/**
 * Records a change to a campaign's complete responses other than a public save adding one (an import,
 * an import published or withdrawn, an erasure, a correction): call it in the transaction of that change,
 * or results may be served from a cache that no longer matches the responses. Saves do not call it: they
 * change the set's size, which is part of the key.
 */
export async function completeResponsesChanged(em: EntityManager, campaignId: number): Promise<void> {
  await rawQuery(em, 'UPDATE campaign SET revision = revision + 1 WHERE id = ?', [campaignId]);
}

/**
 * Reads a campaign's complete responses for results and exports without loading entities: raw rows of
 * (id, uuid, submitted_at, data) in keyset-paged batches, JSON-parsed one batch at a time.
 */
@Injectable()
export class ResponseReader {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The statements of a snapshot, for the SQLite worker, which reads them in one transaction of its own. */
  static readonly sqliteSnapshot: SnapshotStatements = { key: SQL.key, data: SQL.data };

  /** The current key of the campaign's complete responses: one indexed query. */
  async completeKey(campaignId: number): Promise<string> {
    const [row] = await rawQuery<KeyRow>(this.dataSource, SQL.key, [campaignId, campaignId]);
    return completeKeyOf(row);
  }

  /**
   * Every complete response as engine input, with the key of the state they were read in. On PostgreSQL
   * the key and the pages are read in one REPEATABLE READ transaction (one snapshot). On SQLite (in-thread,
   * when the worker is not available) the key is read just before a lazy synchronous iterator over one
   * statement: the rows are then at least as recent as the key, which can only cost one more computation.
   */
  async completeSnapshot(campaignId: number): Promise<CompleteSnapshot> {
    const db = sqliteHandle(this.dataSource);
    if (db) {
      const key = completeKeyOf(db.prepare(SQL.key).get(campaignId, campaignId) as KeyRow | undefined);
      const stmt = db.prepare(SQL.data).pluck();
      return {
        key,
        records: {
          *[Symbol.iterator]() {
            for (const data of stmt.iterate(campaignId) as IterableIterator<string>) {
              yield { status: 'complete', data: JSON.parse(data) as Record<string, unknown> };
            }
          },
        },
      };
    }
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const [row] = await rawQuery<KeyRow>(em, SQL.key, [campaignId, campaignId]);
      const records: ResponseRecord[] = [];
      for await (const batch of this.batches(em, campaignId))
        for (const r of batch) records.push({ status: 'complete', data: r.data });
      return { key: completeKeyOf(row), records };
    });
  }

  /** Complete responses in id order, BATCH at a time: the export streams them to the workbook. */
  completeBatches(campaignId: number): AsyncGenerator<StoredResponse[]> {
    return this.batches(this.dataSource.manager, campaignId);
  }

  private async *batches(em: EntityManager, campaignId: number): AsyncGenerator<StoredResponse[]> {
    let after = 0;
    for (;;) {
      const rows = await rawQuery<{ id: number | string; uuid: string; submitted_at: string | null; data: string }>(
        em,
        SQL.batch,
        [campaignId, after],
      );
      if (rows.length === 0) return;
      after = Number(rows[rows.length - 1]!.id);
      yield rows.map((r) => ({
        id: Number(r.id),
        uuid: r.uuid,
        submittedAt: r.submitted_at,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
      if (rows.length < BATCH) return;
    }
  }
}
