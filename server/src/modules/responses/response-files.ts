import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { type Bundle, type ResponseRecord, type Result, type ValidationIssue } from '@trame/shared';
import { importResponsesCsv, importResponsesJson, importResponsesXlsx, parseJsonDocument } from '@trame/shared/node';
import { catalogOf } from './catalog-cache.js';

/**
 * Reading an imported responses file into the rows to store: the shared importer (the only one, also the
 * CLI's: typed, checked, hidden answers cleared), then the checks the server adds. Free of Nest and of the database, so that the import worker
 * (response-import.worker.ts) runs the same code as the request thread.
 */

/** Rows per chunk: per message from the import worker, and per transaction of the importer. */
export const CHUNK = 1000;

/** One row as stored: the answers already serialised; `index` is the record's place in the file. */
export interface ImportRow {
  index: number;
  uuid: string;
  status: 'partial' | 'complete';
  data: string;
  submittedAt: string | null;
}

export type ParsedFile =
  { ok: true; rows: ImportRow[] } | { ok: false; errors: ValidationIssue[] } | { unsupported: true };

/**
 * JSON records (a body or a file) as the shared importer reads them, the CLI's too: the document's shape
 * (spec §3), every answer checked against the questionnaire as public saves are, then the answers of hidden
 * questions cleared with survey-core's model unless the document says `"visibilityApplied": true`.
 */
export function checkedJson(bundle: Bundle, body: unknown): Result<ResponseRecord[]> {
  return importResponsesJson(bundle, body, catalogOf(bundle));
}

/** A file by its extension: .json, .csv (or .txt) or .xlsx. */
export async function parseUpload(bundle: Bundle, name: string, buffer: Buffer): Promise<ParsedFile> {
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx') return toRows(await importResponsesXlsx(bundle, buffer));
  const text = buffer.toString('utf8');
  if (ext === '.csv' || ext === '.txt') return toRows(importResponsesCsv(bundle, text));
  if (ext === '.json') {
    const json = parseJsonDocument(text);
    return json.ok ? toRows(checkedJson(bundle, json.value)) : { ok: false, errors: json.errors };
  }
  return { unsupported: true };
}

/** Records to rows: ids checked for length, missing ones drawn, answers serialised. */
export function toRows(parsed: Result<ResponseRecord[]>, now = new Date().toISOString()): ParsedFile {
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  // Duplicate ids within the file are refused by the shared readers (JSON path, or CSV/XLSX row).
  const errors: ValidationIssue[] = [];
  const rows = parsed.value.map((r, index): ImportRow => {
    if (r.id !== undefined && r.id.length > 100)
      errors.push({ path: `responses[${index}].id`, message: 'identifiant trop long (100 caractères au plus)' });
    return {
      index,
      uuid: r.id ?? randomUUID(),
      status: r.status,
      data: JSON.stringify(r.data),
      submittedAt: r.status === 'complete' ? (r.submittedAt ?? now) : null,
    };
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** Parsed rows, handed over a chunk at a time. */
export interface RowSource {
  count: number;
  chunks(): AsyncIterable<ImportRow[]>;
  close(): void;
}

export type ParsedSource =
  { ok: true; source: RowSource } | { ok: false; errors: ValidationIssue[] } | { unsupported: true };

/** Rows already in memory (JSON bodies, the demo, and runs from the TypeScript sources). */
export function inMemorySource(rows: ImportRow[]): RowSource {
  return {
    count: rows.length,
    async *chunks() {
      for (let i = 0; i < rows.length; i += CHUNK) yield await Promise.resolve(rows.slice(i, i + CHUNK));
    },
    close: () => undefined,
  };
}
