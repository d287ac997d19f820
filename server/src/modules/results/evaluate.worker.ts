/**
 * Worker thread computing a campaign's results on SQLite: its own read connection (WAL lets it read
 * while the app writes, and it sees committed data only), the rows parsed and fed lazily to the shared
 * engine. The main thread stays free for submissions during the 2–3 s that 100k responses take.
 * One computation per worker (EvaluatePool terminates it afterwards).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Bundle, evaluate, type ResponseRecord } from '@trame/shared';
import Database from 'better-sqlite3';
import type { KeyRow, SnapshotStatements } from '../responses/response-reader.js';

export interface EvaluateRequest {
  campaignId: number;
  bundle: Bundle;
  /** From ResponseReader, which owns the definition of the complete responses (not imported here: the
   * worker loads only the engine and the driver). */
  statements: SnapshotStatements;
}

const db = new Database((workerData as { path: string }).path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('query_only = ON');

parentPort!.once('message', ({ campaignId, bundle, statements }: EvaluateRequest) => {
  try {
    const keyOf = db.prepare(statements.key);
    const select = db.prepare(statements.data).pluck();
    // One read transaction: the rows and the key of the state they belong to come from the same
    // committed snapshot. The main thread's connection may see a save of a batch not yet committed; the
    // caller caches these results under the key returned here.
    db.exec('BEGIN');
    const key = keyOf.get(campaignId, campaignId) as KeyRow | undefined;
    const records: Iterable<ResponseRecord> = {
      *[Symbol.iterator]() {
        for (const data of select.iterate(campaignId) as IterableIterator<string>) {
          yield { status: 'complete', data: JSON.parse(data) as Record<string, unknown> };
        }
      },
    };
    const results = evaluate(bundle, records);
    db.exec('COMMIT');
    parentPort!.postMessage({ results, key: key ?? null });
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
