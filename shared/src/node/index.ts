/**
 * Node-only helpers (file system, XLSX archives): kept out of the main entry so that the browser bundle
 * never pulls them in.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Bundle } from '../bundle/schema.js';
import type { ResponseRecord, Result } from '../types.js';
import { importResponsesCsv, importResponsesJson, importResponsesXlsx } from './import.js';
import { parseJsonDocument } from './json.js';

export { parseResponsesXlsx, readXlsxSheets, XLSX_LIMITS, type XlsxSheet, type XlsxReadOptions } from './xlsx.js';
export { blankDesignWorkbook, importEvaluationFile, readDesignWorkbook, writeDesignWorkbook } from './design.js';
export { importResponsesCsv, importResponsesJson, importResponsesXlsx } from './import.js';
export { applyVisibility, Completer } from './visibility.js';
export { jsonDepth, jsonTooDeepMessage, MAX_JSON_DEPTH, parseJsonDocument } from './json.js';

/**
 * Reads a responses file by its extension (.json, .csv or .xlsx) as the server imports it: answers checked,
 * hidden answers cleared (import.ts).
 */
export async function readResponsesFile(bundle: Bundle, path: string): Promise<Result<ResponseRecord[]>> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return importResponsesXlsx(bundle, await readFile(path));
  const text = await readFile(path, 'utf8');
  if (ext === '.csv' || ext === '.txt') return importResponsesCsv(bundle, text);
  const json = parseJsonDocument(text);
  return json.ok ? importResponsesJson(bundle, json.value) : json;
}
