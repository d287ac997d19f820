import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type { Bundle, Results } from '@trame/shared';

/**
 * One worker thread for results on SQLite (see evaluate.worker.ts). Started on first use, restarted
 * after a crash, unref'ed so that it never keeps the process alive. `available` is false when the
 * compiled worker is not there (unit tests run the TypeScript sources): callers then compute in-thread.
 */
export class EvaluatePool {
  private readonly logger = new Logger('Résultats');
  private readonly file = fileURLToPath(new URL('./evaluate.worker.js', import.meta.url));
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Results) => void; reject: (e: Error) => void }>();

  constructor(private readonly sqlitePath: string) {}

  get available(): boolean {
    return existsSync(this.file);
  }

  evaluate(campaignId: number, bundle: Bundle): Promise<Results> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Results>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, campaignId, bundle });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.file, { workerData: { path: this.sqlitePath } });
    worker.unref();
    worker.on('message', (m: { id: number; results?: Results; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.results) p.resolve(m.results);
      else p.reject(new Error(m.error ?? 'échec du calcul'));
    });
    const fail = (e: Error) => {
      this.logger.error(`Le fil de calcul s’est arrêté : ${e.message}`);
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0 && this.worker === worker) fail(new Error(`code ${code}`));
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}
