/**
 * Node-only helpers (file system, XLSX archives): kept out of the main entry so that the browser bundle
 * never pulls them in.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Bundle } from '../bundle/schema.js';
import { parseResponsesCsv, parseResponsesJson } from '../responses/parse.js';
import type { ResponseRecord, Result } from '../types.js';
import { parseJsonDocument } from './json.js';
import { parseResponsesXlsx } from './xlsx.js';

export { parseResponsesXlsx, XLSX_LIMITS } from './xlsx.js';
export { jsonDepth, jsonTooDeepMessage, MAX_JSON_DEPTH, parseJsonDocument } from './json.js';

/** Reads a responses file by its extension: .json, .csv or .xlsx. */
export async function readResponsesFile(bundle: Bundle, path: string): Promise<Result<ResponseRecord[]>> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return parseResponsesXlsx(bundle, await readFile(path));
  const text = await readFile(path, 'utf8');
  if (ext === '.csv' || ext === '.txt') return parseResponsesCsv(bundle, text);
  const json = parseJsonDocument(text);
  return json.ok ? parseResponsesJson(bundle, json.value) : json;
}
