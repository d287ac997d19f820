/**
 * The design workbook as a file: written with ExcelJS (our own output, trusted), read with the bounded
 * XLSX reader (xlsx.ts), never with ExcelJS's reader (untrusted input). The translation itself is pure and
 * lives in ../design/.
 */
import ExcelJS from 'exceljs';
import type { Bundle } from '../bundle/schema.js';
import { parseBundle } from '../bundle/validate.js';
import type { SheetData } from '../design/sheet.js';
import { SHEETS } from '../design/trame-sheets.js';
import { designSheets, readDesignSheets, type ImportedBundle } from '../design/workbook.js';
import { columnLetter } from '../responses/table.js';
import type { Result, ValidationIssue } from '../types.js';
import { parseJsonDocument } from './json.js';
import { readXlsxSheets } from './xlsx.js';

/** The sheets the design reader looks at; others (ours `listes`, or a form's own) are not inflated. */
const DESIGN_SHEETS = new Set([
  'survey',
  'choices',
  'settings',
  'evaluation',
  'referentiel',
  'segments',
  'donnees_internes',
]);
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '_');

/** Rows of a drop-down list are offered this far below the last written row. */
const SPARE_ROWS = 500;

type WithValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

/** The design workbook of a bundle (`null`: the blank template). */
async function writeWorkbook(bundle: Bundle | null): Promise<Buffer> {
  const specs = designSheets(bundle);
  const lists = specs.find((s) => s.name === SHEETS.lists)!;
  const listRange = new Map<string, string>();
  lists.columns.forEach((c, i) => {
    const length = lists.rows.filter((r) => r[i] !== null && r[i] !== undefined).length;
    if (length > 0) listRange.set(c.key, `${SHEETS.lists}!$${columnLetter(i)}$2:$${columnLetter(i)}$${length + 1}`);
  });
  const source: Record<string, string> = {
    kinds: 'types',
    questions: 'questions',
    segments: 'segments',
    yesno: 'oui_non',
    lists: 'listes',
    internal: 'donnees_internes',
  };

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trame';
  for (const spec of specs) {
    const ws = wb.addWorksheet(spec.name, {
      state: spec.hidden ? 'hidden' : 'visible',
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    for (const row of spec.rows) ws.addRow(row.map((v) => (v === undefined ? null : v)));
    const header = ws.getRow(1);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF2F5D50' } };
    header.alignment = { vertical: 'middle', wrapText: true };
    const last = spec.rows.length + 1 + SPARE_ROWS;
    spec.columns.forEach((c, i) => {
      if (c.note) ws.getCell(1, i + 1).note = c.note;
      const range = c.list ? listRange.get(source[c.list]!) : undefined;
      if (!range) return;
      const letter = columnLetter(i);
      (ws as unknown as WithValidations).dataValidations.add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        // A list of several values (`a|b`) or a new name is legal: the list suggests, it does not refuse.
        showErrorMessage: c.list === 'kinds' || c.list === 'yesno',
        errorStyle: 'warning',
        error: 'Valeur hors de la liste',
      });
    });
    if (spec.rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The design workbook of a bundle: its questionnaire as an XLSForm, its framework, segments and internal data. */
export function writeDesignWorkbook(bundle: Bundle): Promise<Buffer> {
  return writeWorkbook(bundle);
}

/** An empty design workbook, with every sheet and column, to fill in. */
export function blankDesignWorkbook(): Promise<Buffer> {
  return writeWorkbook(null);
}

async function sheetsOf(buffer: Buffer | Uint8Array): Promise<Result<SheetData[]>> {
  const read = await readXlsxSheets(buffer, { wanted: (name) => DESIGN_SHEETS.has(fold(name)) });
  if (!read.ok) {
    // The reader names the sheet in its message (`feuille « survey » : …`) and the cell in its path.
    const errors = read.errors.map((e) => {
      const sheet = /^feuille « (.+?) » : /.exec(e.message)?.[1];
      const column = /colonne ([A-Z]+)$/.exec(e.path)?.[1];
      return { ...e, ...(sheet === undefined ? {} : { sheet }), ...(column === undefined ? {} : { column }) };
    });
    return { ok: false, errors };
  }
  return { ok: true, value: read.value };
}

/**
 * A design workbook or a plain XLSForm (.xlsx) to a valid bundle and the warnings of what was not
 * translated. `fileName` gives the bundle's title when the workbook has none.
 */
export async function readDesignWorkbook(
  buffer: Buffer | Uint8Array,
  fileName?: string,
): Promise<Result<ImportedBundle>> {
  const sheets = await sheetsOf(buffer);
  if (!sheets.ok) return sheets;
  return readDesignSheets(sheets.value, fileName);
}

/** XLSX archives start with a ZIP local header. */
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * What `POST /api/evaluations/import` takes: a `.json` bundle, a design workbook or a plain XLSForm
 * (.xlsx), told apart by content (a ZIP archive is a workbook) then by name. Gives a valid bundle and the
 * warnings, or every error (JSON path for a bundle, sheet/row/column for a workbook).
 */
export async function importEvaluationFile(
  name: string,
  buffer: Buffer | Uint8Array,
): Promise<Result<{ bundle: Bundle; warnings: ValidationIssue[] }>> {
  if (isZip(buffer)) return readDesignWorkbook(buffer, name.replace(/^.*[\\/]/, ''));
  if (/\.(xlsx|xlsm|xls)$/i.test(name))
    return {
      ok: false,
      errors: [
        {
          path: '(fichier)',
          message: /\.xls$/i.test(name)
            ? 'format Excel 97-2003 (.xls) non pris en charge : enregistrez le classeur au format .xlsx'
            : 'fichier XLSX illisible (ce n’est pas une archive ZIP)',
        },
      ],
    };
  const text = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).toString('utf8');
  const json = parseJsonDocument(text);
  if (!json.ok) return json;
  const parsed = parseBundle(json.value);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { bundle: parsed.value.bundle, warnings: [] } };
}
