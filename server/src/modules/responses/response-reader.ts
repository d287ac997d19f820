import { Inject, Injectable } from '@nestjs/common';
import type { ResponseRecord } from '@trame/shared';
import { DataSource } from 'typeorm';
import { sqliteHandle } from '../../database/data-source.js';

export interface StoredResponse {
  id: number;
  uuid: string;
  submittedAt: string | null;
  data: Record<string, unknown>;
}

const BATCH = 2000;

/**
 * Reads a campaign's complete responses for results and exports without loading entities: raw rows of
 * (id, uuid, submitted_at, data) in keyset-paged batches, JSON-parsed one batch at a time.
 */
@Injectable()
export class ResponseReader {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Every complete response as engine input. On SQLite a lazy synchronous iterator over one statement
   * (the engine consumes it synchronously, so nothing else runs on the connection meanwhile); on
   * PostgreSQL the batches are gathered first.
   */
  async completeRecords(campaignId: number): Promise<Iterable<ResponseRecord>> {
    const db = sqliteHandle(this.dataSource);
    if (db) {
      const stmt = db
        .prepare(`SELECT data FROM response WHERE campaign_id = ? AND status = 'complete' ORDER BY id`)
        .pluck();
      return {
        *[Symbol.iterator]() {
          for (const data of stmt.iterate(campaignId) as IterableIterator<string>) {
            yield { status: 'complete', data: JSON.parse(data) as Record<string, unknown> };
          }
        },
      };
    }
    const out: ResponseRecord[] = [];
    for await (const batch of this.completeBatches(campaignId))
      for (const r of batch) out.push({ status: 'complete', data: r.data });
    return out;
  }

  /** Complete responses in id order, BATCH at a time: the export streams them to the workbook. */
  async *completeBatches(campaignId: number): AsyncGenerator<StoredResponse[]> {
    let after = 0;
    for (;;) {
      const rows: { id: number | string; uuid: string; submitted_at: string | null; data: string }[] =
        await this.dataSource.query(
          this.dataSource.options.type === 'postgres'
            ? `SELECT id, uuid, submitted_at, data FROM response WHERE campaign_id = $1 AND status = 'complete' AND id > $2 ORDER BY id LIMIT ${BATCH}`
            : `SELECT id, uuid, submitted_at, data FROM response WHERE campaign_id = ? AND status = 'complete' AND id > ? ORDER BY id LIMIT ${BATCH}`,
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
