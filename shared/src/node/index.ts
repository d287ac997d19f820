/**
 * Node-only helpers (file system, XLSX through ExcelJS): kept out of the main entry so that the browser
 * bundle never pulls them in.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Bundle } from '../bundle/schema.js';
import { parseResponsesCsv, parseResponsesJson, readTable, type Cell } from '../responses/parse.js';
import type { ResponseRecord, Result } from '../types.js';

/** XLSX responses: the first sheet, laid out as the CSV format (spec §3). */
export async function parseResponsesXlsx(
  bundle: Bundle,
  data: Buffer | ArrayBuffer | Uint8Array,
): Promise<Result<ResponseRecord[]>> {
  // Loaded on demand: ExcelJS takes a few hundred milliseconds to import, JSON and CSV runs don't need it.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    return { ok: false, errors: [{ path: '(fichier)', message: 'fichier XLSX illisible' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, errors: [{ path: '(fichier)', message: 'le classeur ne contient aucune feuille' }] };
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellValue(cell.value);
    });
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return readTable(bundle, rows, { decimalComma: true, kind: 'XLSX' });
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellValue(v.result);
    if ('text' in v) return typeof v.text === 'string' ? v.text : JSON.stringify(v.text);
    if ('error' in v) return null;
  }
  return JSON.stringify(v);
}

/** Reads a responses file by its extension: .json, .csv or .xlsx. */
export async function readResponsesFile(bundle: Bundle, path: string): Promise<Result<ResponseRecord[]>> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return parseResponsesXlsx(bundle, await readFile(path));
  const text = await readFile(path, 'utf8');
  if (ext === '.csv' || ext === '.txt') return parseResponsesCsv(bundle, text);
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(document)', message: `JSON invalide : ${(e as Error).message}` }] };
  }
  return parseResponsesJson(bundle, json);
}
