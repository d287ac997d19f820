/**
 * Worker thread reading an imported responses file (response-files.ts): a CSV or XLSX of a million rows
 * takes seconds of processor time to type and check, which would stop every respondent's save meanwhile
 * if done on the request thread. The rows stay here and go to the importer a chunk at a time, as it
 * stores them (ImportParser).
 */
import { parentPort } from 'node:worker_threads';
import type { Bundle, ValidationIssue } from '@trame/shared';
import { CHUNK, type ImportRow, parseUpload } from './response-files.js';

export interface ParseRequest {
  bundle: Bundle;
  name: string;
  buffer: Uint8Array;
}

export type ParseReply =
  | {
      kind: 'parsed';
      result: { ok: true; count: number } | { ok: false; errors: ValidationIssue[] } | { unsupported: true };
    }
  | { kind: 'chunk'; rows: ImportRow[] }
  | { kind: 'error'; message: string };

const port = parentPort!;
let rows: ImportRow[] = [];
const post = (m: ParseReply) => port.postMessage(m);

port.on('message', (m: ParseRequest | { next: number }) => {
  if ('next' in m) {
    post({ kind: 'chunk', rows: rows.slice(m.next, m.next + CHUNK) });
    return;
  }
  parseUpload(m.bundle, m.name, Buffer.from(m.buffer.buffer, m.buffer.byteOffset, m.buffer.byteLength)).then(
    (parsed) => {
      if ('unsupported' in parsed) return post({ kind: 'parsed', result: parsed });
      if (!parsed.ok) return post({ kind: 'parsed', result: parsed });
      rows = parsed.rows;
      post({ kind: 'parsed', result: { ok: true, count: rows.length } });
    },
    (e: unknown) => post({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
});
