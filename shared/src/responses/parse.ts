import Papa from 'papaparse';
import type { Bundle } from '../bundle/schema.js';
import { formatNumberFr } from '../report/sentence.js';
import type { ResponseRecord, Result, ValidationIssue } from '../types.js';
import { readTable } from './table.js';

const MAX_ERRORS = 200;

/**
 * Bounds of a CSV or XLSX responses table, checked before its rows are materialised, so that a hostile
 * file costs a 422 in well under a second: lines (the header included), columns, and cells in all.
 * A million responses (and the header line): a national network's campaign, and the size at which imports
 * are measured not to keep respondents waiting (docs/benchmarks.md); 1,000 columns is far more than a
 * questionnaire's one-hot columns; 10 million cells keeps the worker that reads the file within about
 * 1 GB. (The 50 MB upload limit binds first for wide files.) XLSX has tighter bounds of its own.
 */
export const TABLE_LIMITS = { rows: 1_000_001, columns: 1_000, cells: 10_000_000 } as const;

/**
 * JSON responses (spec §3): an array of SurveyJS data objects (each a complete response), or a
 * `trame-responses/1` document. Checked by hand rather than with zod: at 100,000 records the schema
 * library's per-record cost would dominate the whole evaluation.
 */
export function parseResponsesJson(_bundle: Bundle, input: unknown): Result<ResponseRecord[]> {
  const errors: ValidationIssue[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(input)) {
    const out = new Array<ResponseRecord>(input.length);
    for (let i = 0; i < input.length && errors.length < MAX_ERRORS; i++) {
      const item: unknown = input[i];
      if (!isObject(item)) errors.push({ path: `[${i}]`, message: 'un objet de réponses SurveyJS est attendu' });
      else out[i] = { status: 'complete', data: item };
    }
    return errors.length ? { ok: false, errors } : { ok: true, value: out };
  }
  if (!isObject(input)) {
    return {
      ok: false,
      errors: [
        { path: '(document)', message: 'un tableau de réponses ou un document « trame-responses/1 » est attendu' },
      ],
    };
  }
  if (input['format'] !== 'trame-responses/1') {
    return { ok: false, errors: [{ path: 'format', message: 'format attendu : « trame-responses/1 »' }] };
  }
  const applied: unknown = input['visibilityApplied'];
  if (applied !== undefined && typeof applied !== 'boolean')
    errors.push({ path: 'visibilityApplied', message: 'true ou false attendu' });
  const list: unknown = input['responses'];
  if (!Array.isArray(list))
    return { ok: false, errors: [{ path: 'responses', message: 'liste de réponses attendue' }] };
  const out = new Array<ResponseRecord>(list.length);
  const ids = new Map<string, number>();
  for (let i = 0; i < list.length && errors.length < MAX_ERRORS; i++) {
    const r: unknown = list[i];
    const path = `responses[${i}]`;
    if (!isObject(r)) {
      errors.push({ path, message: 'objet attendu' });
      continue;
    }
    const status: unknown = r['status'] ?? 'complete';
    if (status !== 'complete' && status !== 'partial') {
      errors.push({
        path: `${path}.status`,
        message: `statut « ${typeof status === 'string' ? status : JSON.stringify(status)} » inconnu (attendu : complete ou partial)`,
      });
    }
    if (!isObject(r['data'])) errors.push({ path: `${path}.data`, message: 'objet de réponses attendu' });
    const id: unknown = r['id'];
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
      errors.push({ path: `${path}.id`, message: 'identifiant texte attendu' });
    } else if (id !== undefined) {
      const prev = ids.get(String(id));
      if (prev !== undefined)
        errors.push({
          path: `${path}.id`,
          message: `identifiant « ${String(id)} » en double (déjà en responses[${prev}])`,
        });
      else ids.set(String(id), i);
    }
    const at: unknown = r['submittedAt'];
    if (at !== undefined && at !== null && typeof at !== 'string') {
      errors.push({ path: `${path}.submittedAt`, message: 'date ISO 8601 attendue' });
    }
    const record: ResponseRecord = {
      status: status as ResponseRecord['status'],
      data: r['data'] as Record<string, unknown>,
    };
    if (typeof id === 'string' || typeof id === 'number') record.id = String(id);
    if (typeof at === 'string') record.submittedAt = at;
    out[i] = record;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/**
 * Whether a responses document says the answers of hidden questions were already cleared (spec §3): a
 * `trame-responses/1` document with `"visibilityApplied": true`, as Trame's exports write. Anything else
 * (a plain array of SurveyJS data, CSV, XLSX) is cleared at import.
 */
export function visibilityApplied(input: unknown): boolean {
  return (
    !!input &&
    typeof input === 'object' &&
    !Array.isArray(input) &&
    (input as Record<string, unknown>)['format'] === 'trame-responses/1' &&
    (input as Record<string, unknown>)['visibilityApplied'] === true
  );
}

/** The delimiter of a CSV file, read from its header line: `;` (French Excel), `,` or tab. */
export function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch in counts) counts[ch]!++;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** CSV responses: UTF-8 (BOM allowed), `,` or `;` detected from the header; see table.ts for cells. */
export function parseResponsesCsv(bundle: Bundle, text: string): Result<ResponseRecord[]> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const tooLarge = csvShapeIssue(body, delimiter);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false, header: false });
  const fatal = parsed.errors.filter(
    (e) => e.type === 'Quotes' || e.code === 'InvalidQuotes' || e.code === 'MissingQuotes',
  );
  if (fatal.length) {
    return {
      ok: false,
      errors: fatal.slice(0, MAX_ERRORS).map((e) => ({
        path: `ligne ${(e.row ?? 0) + 1}`,
        message: 'guillemets non fermés ou mal placés',
        row: (e.row ?? 0) + 1,
      })),
    };
  }
  return readTable(bundle, parsed.data, { decimalComma: delimiter !== ',', kind: 'CSV' });
}

/**
 * The first limit of TABLE_LIMITS the text passes, found in one pass over its characters (quotes followed
 * as Papa Parse does), before Papa Parse builds an array per line and a string per cell.
 */
function csvShapeIssue(text: string, delimiter: string): ValidationIssue | null {
  const sep = delimiter.charCodeAt(0);
  let line = 1;
  let fields = 1;
  let cells = 0;
  let inQuotes = false;
  const issue = (message: string): ValidationIssue => ({ path: `ligne ${line}`, message, row: line });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === sep) {
      if (++fields > TABLE_LIMITS.columns)
        return issue(`plus de ${formatNumberFr(TABLE_LIMITS.columns)} colonnes : le fichier est refusé`);
    } else if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      if ((cells += fields) > TABLE_LIMITS.cells)
        return issue(`plus de ${formatNumberFr(TABLE_LIMITS.cells)} cellules : le fichier est refusé`);
      if (i + 1 < text.length && ++line > TABLE_LIMITS.rows)
        return issue(`plus de ${formatNumberFr(TABLE_LIMITS.rows)} lignes : le fichier est refusé`);
      fields = 1;
    }
  }
  return null;
}

export type { Cell } from './table.js';
export { readTable, columnLetter } from './table.js';
