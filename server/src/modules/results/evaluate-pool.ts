import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { Bundle, Results } from '@trame/shared';
import { completeKeyOf, type KeyRow, ResponseReader } from '../responses/response-reader.js';

/**
 * Worker threads for results on SQLite (see evaluate.worker.ts). Each computation gets a worker of its
 * own, which is terminated as soon as it has answered: the 100k parsed responses live in that worker's
 * heap and go away with it instead of staying as a second grown heap in the process (measured: the
 * workbook export peaked at ~480 MB with a long-lived worker, ~320 MB without). A spare worker is kept
 * started so that loading the engine's modules is off the request's path. Workers are unref'ed and
 * never keep the process alive. `available` is false when the compiled worker is missing (unit tests run
 * the TypeScript sources): callers then compute in-thread.
 */
export class EvaluatePool {
  private readonly logger = new Logger('Résultats');
  private readonly file = fileURLToPath(new URL('./evaluate.worker.js', import.meta.url));
  private spare: Worker | null = null;
  private readonly running = new Set<Worker>();
  private closed = false;

  constructor(private readonly sqlitePath: string) {}

  get available(): boolean {
    return existsSync(this.file);
  }

  /** Starts the spare worker ahead of the first request. */
  warmUp(): void {
    if (!this.closed && !this.spare) this.spare = this.spawn();
  }

  /** Results and the key of the complete responses (ResponseReader) of the snapshot they were computed on. */
  evaluate(campaignId: number, bundle: Bundle): Promise<{ results: Results; key: string }> {
    const worker = this.spare ?? this.spawn();
    this.spare = null;
    this.running.add(worker);
    return new Promise<{ results: Results; key: string }>((resolve, reject) => {
      const done = (error: Error | null, value?: { results: Results; key: string }) => {
        worker.removeAllListeners();
        worker.on('error', () => undefined); // nothing more to report for a worker being terminated
        this.running.delete(worker);
        void worker.terminate();
        this.warmUp();
        if (error) reject(error);
        else resolve(value!);
      };
      worker.once('message', (m: { results?: Results; key?: KeyRow | null; error?: string }) =>
        m.results
          ? done(null, { results: m.results, key: completeKeyOf(m.key) })
          : done(new Error(m.error ?? 'échec du calcul')),
      );
      worker.once('error', (e) => {
        this.logger.error(`Le fil de calcul s’est arrêté : ${e.message}`);
        done(e);
      });
      worker.once('exit', (code) => done(new Error(`fil de calcul arrêté (code ${code})`)));
      worker.postMessage({ campaignId, bundle, statements: ResponseReader.sqliteSnapshot });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.running, ...(this.spare ? [this.spare] : [])];
    this.spare = null;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(this.file, { workerData: { path: this.sqlitePath } });
    worker.unref();
    // A spare that dies before use is simply replaced at the next request.
    worker.on('error', () => {
      if (this.spare === worker) this.spare = null;
    });
    return worker;
  }
}
