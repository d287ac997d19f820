/**
 * Worker thread computing results: its own read connection (SQLite in WAL mode reads while the app writes
 * and sees committed data only; PostgreSQL reads in a REPEATABLE READ READ ONLY transaction), and the
 * encoded responses of the campaigns computed lately (EncodedCache), so that after one more response only
 * that response is read, parsed and encoded. The main thread stays free for submissions meanwhile, and on
 * PostgreSQL the database reads the next page while this thread encodes the last. Requests are served one
 * at a time, in order.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { Bundle, Results } from '@trame/shared';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  type KeyRow,
  pgPlaceholders,
  querySnapshotSource,
  type SnapshotSource,
  sqliteSnapshotSource,
} from '../responses/complete-responses.js';
import { EncodedCache } from './encoded-cache.js';

/** Campaigns deleted: their encoded responses are dropped (no reply). */
export interface ForgetRequest {
  forget: number[];
}

export interface EvaluateRequest {
  id: number;
  campaignId: number;
  bundle: Bundle;
  /** What identifies the bundle's version (see ResultsService): another key, the responses encoded again. */
  bundleKey: string;
}

export type EvaluateReply =
  { id: number; results: Results; key: KeyRow | null; encodedNow: number } | { id: number; error: string };

/** The database the worker reads: a SQLite file, or a PostgreSQL URL. */
export type WorkerDatabase = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };

/** One snapshot of one campaign, in a read transaction of the worker's own connection. */
interface Reader {
  snapshot<T>(campaignId: number, fn: (source: SnapshotSource) => Promise<T>): Promise<T>;
}

function sqliteReader(path: string): Reader {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma('query_only = ON');
  return {
    async snapshot(campaignId, fn) {
      // One read transaction: the key and the rows come from the same committed snapshot. The main
      // thread's connection may see a save of a batch not yet committed; the caller caches these results
      // under the key returned here.
      db.exec('BEGIN');
      try {
        const out = await fn(sqliteSnapshotSource(db, campaignId));
        db.exec('COMMIT');
        return out;
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    },
  };
}

function pgReader(url: string): Reader {
  let client: pg.Client | null = null;
  const connect = async () => {
    if (client) return client;
    const c = new pg.Client({ connectionString: url, application_name: 'trame-results' });
    // A connection lost between two requests: the next one connects again.
    c.on('error', () => {
      if (client === c) client = null;
    });
    await c.connect();
    return (client = c);
  };
  return {
    async snapshot(campaignId, fn) {
      const c = await connect();
      const query = async <T>(sql: string, params: unknown[]) =>
        (await c.query(pgPlaceholders(sql), params)).rows as T[];
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const out = await fn(querySnapshotSource(query, campaignId));
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {
          client = null;
          void c.end().catch(() => undefined);
        });
        throw e;
      }
    },
  };
}

/** Responses encoded in one computation from which a full collection follows it. */
const COLLECT_AFTER = 20_000;
/** V8's full collection (the flag that exposes it is process-wide; only this thread calls it). */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const { database, maxCells } = workerData as { database: WorkerDatabase; maxCells?: number };
const reader = database.type === 'sqlite' ? sqliteReader(database.path) : pgReader(database.url);
const cache = new EncodedCache(maxCells);

async function handle({ id, campaignId, bundle, bundleKey }: EvaluateRequest): Promise<EvaluateReply> {
  try {
    const out = await reader.snapshot(campaignId, (source) => cache.results(campaignId, bundle, bundleKey, source));
    // Encoding many responses leaves their parsed answers as garbage that V8 would keep, as grown heap,
    // for as long as this long-lived thread lives: collected at once, the memory goes back to the system.
    if (out.encodedNow >= COLLECT_AFTER) collect();
    return { id, results: out.results, key: out.key ?? null, encodedNow: out.encodedNow };
  } catch (e) {
    return { id, error: e instanceof Error ? e.message : String(e) };
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (request: EvaluateRequest | ForgetRequest) => {
  // In the queue too: a computation under way ends before its campaign is forgotten.
  if ('forget' in request) queue = queue.then(() => cache.forget(request.forget));
  else queue = queue.then(async () => parentPort!.postMessage(await handle(request)));
});
