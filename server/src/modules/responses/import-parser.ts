import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Bundle } from '@trame/shared';
import { CHUNK, inMemorySource, type ParsedSource, parseUpload } from './response-files.js';
import type { ParseReply, ParseRequest } from './response-import.worker.js';

const WORKER = fileURLToPath(new URL('./response-import.worker.js', import.meta.url));

/**
 * Reads an uploaded file in a worker thread of its own (terminated when the import is done), so that the
 * request thread stays free for respondents; the rows come back a chunk at a time. When the compiled
 * worker is missing (tests run the TypeScript sources), the file is read in-thread.
 */
export async function parseUploadOffThread(bundle: Bundle, name: string, buffer: Buffer): Promise<ParsedSource> {
  if (!existsSync(WORKER)) {
    const parsed = await parseUpload(bundle, name, buffer);
    return 'unsupported' in parsed || !parsed.ok ? parsed : { ok: true, source: inMemorySource(parsed.rows) };
  }
  const worker = new Worker(WORKER);
  worker.unref();
  let waiting: { resolve: (m: ParseReply) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure = e;
    waiting?.reject(e);
    waiting = null;
  };
  worker.on('message', (m: ParseReply) => {
    const w = waiting;
    waiting = null;
    if (m.kind === 'error') fail(new Error(m.message));
    else w?.resolve(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`lecture du fichier interrompue (code ${code})`)));
  const next = (message: ParseRequest | { next: number }, transfer: ArrayBuffer[] = []) =>
    new Promise<ParseReply>((resolve, reject) => {
      if (failure) return reject(failure);
      waiting = { resolve, reject };
      worker.postMessage(message, transfer);
    });
  const close = () => {
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    void worker.terminate();
  };
  try {
    // A copy the worker owns: multer's buffer may be a slice of a shared pool.
    const copy = new Uint8Array(buffer);
    const reply = await next({ bundle, name, buffer: copy }, [copy.buffer]);
    if (reply.kind !== 'parsed') throw new Error('réponse inattendue du fil de lecture');
    const result = reply.result;
    if (!('ok' in result) || !result.ok) {
      close();
      return 'unsupported' in result ? result : { ok: false, errors: result.errors };
    }
    return {
      ok: true,
      source: {
        count: result.count,
        async *chunks() {
          for (let i = 0; i < result.count; i += CHUNK) {
            const m = await next({ next: i });
            if (m.kind !== 'chunk') throw new Error('réponse inattendue du fil de lecture');
            yield m.rows;
          }
        },
        close,
      },
    };
  } catch (e) {
    close();
    throw e;
  }
}
