/**
 * Worker thread computing a campaign's results on SQLite: its own read connection (WAL lets it read
 * while the app writes, and it sees committed data only), the rows parsed and fed lazily to the shared
 * engine. The main thread stays free for submissions during the 2–3 s that 100k responses take.
 * One computation per worker (EvaluatePool terminates it afterwards).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type Bundle, evaluate, type ResponseRecord } from '@trame/shared';
import Database from 'better-sqlite3';

export interface EvaluateRequest {
  campaignId: number;
  bundle: Bundle;
}

const db = new Database((workerData as { path: string }).path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('query_only = ON');
const select = db
  .prepare(`SELECT data FROM response WHERE campaign_id = ? AND status = 'complete' ORDER BY id`)
  .pluck();
const revisionOf = db.prepare('SELECT revision FROM campaign WHERE id = ?').pluck();

parentPort!.once('message', ({ campaignId, bundle }: EvaluateRequest) => {
  try {
    // One read transaction: the rows and the campaign revision they correspond to come from the same
    // committed snapshot. The main thread's connection may see a revision bumped by a batch not yet
    // committed; the caller caches these results under the revision returned here.
    db.exec('BEGIN');
    const revision = Number(revisionOf.get(campaignId));
    const records: Iterable<ResponseRecord> = {
      *[Symbol.iterator]() {
        for (const data of select.iterate(campaignId) as IterableIterator<string>) {
          yield { status: 'complete', data: JSON.parse(data) as Record<string, unknown> };
        }
      },
    };
    const results = evaluate(bundle, records);
    db.exec('COMMIT');
    parentPort!.postMessage({ results, revision });
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
