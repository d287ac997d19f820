import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { Bundle, Results } from '@trame/shared';
import { completeKeyOf } from '../responses/complete-responses.js';
import type { EvaluateReply, EvaluateRequest, ForgetRequest, WorkerDatabase } from './evaluate.worker.js';

interface Pending {
  resolve: (value: { results: Results; key: string }) => void;
  reject: (error: Error) => void;
}

/**
 * The results worker thread (see evaluate.worker.ts): one, long-lived, since it keeps the
 * campaigns' encoded responses between computations (bounded by EncodedCache's size). It is started ahead
 * of the first request, so that loading the engine is off the request's path; if it dies, the requests it
 * held fail and the next one starts another. It is unref'ed and never keeps the process alive.
 * `available` is false when the compiled worker is missing (unit tests run the TypeScript sources): callers
 * then compute in-thread.
 */
export class EvaluatePool {
  private readonly logger = new Logger('Résultats');
  private readonly file = fileURLToPath(new URL('./evaluate.worker.js', import.meta.url));
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private closed = false;

  constructor(private readonly database: WorkerDatabase) {}

  get available(): boolean {
    return existsSync(this.file);
  }

  /** Starts the worker ahead of the first request. */
  warmUp(): void {
    if (!this.closed && !this.worker) this.worker = this.spawn();
  }

  /** Results and the key of the complete responses (complete-responses.ts) of the snapshot they were computed on. */
  evaluate(campaignId: number, bundle: Bundle, bundleKey: string): Promise<{ results: Results; key: string }> {
    this.warmUp();
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('calcul arrêté'));
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // While a request is running, the worker keeps the process alive; idle, it does not.
      worker.ref();
      worker.postMessage({ id, campaignId, bundle, bundleKey } satisfies EvaluateRequest);
    });
  }

  /** Deleted campaigns: the worker drops their encoded responses (nothing to do when it is not running). */
  forget(campaignIds: number[]): void {
    this.worker?.postMessage({ forget: campaignIds } satisfies ForgetRequest);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('calcul arrêté'));
    await worker?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(this.file, { workerData: { database: this.database } });
    worker.unref();
    worker.on('message', (m: EvaluateReply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) worker.unref();
      if (!p) return;
      if ('results' in m) p.resolve({ results: m.results, key: completeKeyOf(m.key) });
      else p.reject(new Error(m.error));
    });
    const gone = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error);
    };
    worker.on('error', (e) => {
      this.logger.error(`Le fil de calcul s’est arrêté : ${e.message}`);
      gone(e);
    });
    worker.on('exit', (code) => gone(new Error(`fil de calcul arrêté (code ${code})`)));
    return worker;
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
