import type { Bundle } from '../bundle/schema.js';
import { formatNumberFr } from '../report/sentence.js';
import { columnLetter, readTable, TABLE_LIMITS, type Cell } from '../responses/parse.js';
import type { ResponseRecord, Result, ValidationIssue } from '../types.js';
import { attribute, attributes, attributeValues, decodeXml, XmlError, type XmlHandler, XmlScanner } from './xml.js';
import { inflateEntry, readZipDirectory, ZipError, type ZipEntry } from './zip.js';

/**
 * Bounds of an XLSX file, besides the columns of TABLE_LIMITS. The parts read are inflated as
 * streams and refused as soon as they pass these sizes, whatever size they declare. They are set so that
 * the largest sheet allowed (about 25,000 responses to 30 questions) is read in well under a second even
 * when it is all padding; larger data sets come as CSV or JSON. A cell holds 32,767 characters, as in Excel.
 */
export const XLSX_LIMITS = {
  /** Lines, the header included: tighter than a CSV's (TABLE_LIMITS), as a sheet costs more per cell. */
  rows: 200_000,
  parts: 10_000,
  /** Sheets named in the workbook. */
  sheets: 1_000,
  cells: 1_000_000,
  /** Elements the reader looks at (cells, values, rows, strings…) in one part. */
  elements: 5_000_000,
  sheetBytes: 32 * 1024 * 1024,
  sharedStringsBytes: 16 * 1024 * 1024,
  otherPartBytes: 4 * 1024 * 1024,
  cellChars: 32_767,
} as const;

/** Most of a token kept between two chunks: a cell's text with every character written as a reference. */
const MAX_TOKEN = 1024 * 1024;

/** A refusal with its place: the reader stops at the first one. */
class Refusal extends Error {
  constructor(readonly issue: ValidationIssue) {
    super(issue.message);
  }
}

const fileIssue = (message: string): ValidationIssue => ({ path: '(fichier)', message });

/**
 * XLSX responses: the first sheet, laid out as the CSV format (spec §3). Read straight from the archive
 * with bounded costs (zip.ts, xml.ts): only the parts needed are inflated, cells are taken as they come
 * (a cell far to the right costs what it weighs), and the sheet is refused at the first row, column or
 * cell past the limits, or as soon as its declared dimension passes them. Cell values follow ExcelJS's
 * reading: shared and inline strings (rich text joined), numbers, booleans, dates for date-formatted
 * numbers, formula results; errors are empty.
 */
export async function parseResponsesXlsx(
  bundle: Bundle,
  data: Buffer | ArrayBuffer | Uint8Array,
): Promise<Result<ResponseRecord[]>> {
  const read = await readXlsxSheets(data, { first: true });
  if (!read.ok) return read;
  const rows = read.value[0]?.rows ?? [];
  // The header row is dense (readTable numbers columns by position); data rows may keep their gaps.
  const header = rows[0];
  if (header) for (let i = 0; i < header.length; i++) header[i] ??= null;
  return readTable(bundle, rows, { decimalComma: true, kind: 'XLSX' });
}

/** One sheet as read: its name as the workbook gives it, and its rows by row number (`rows[0]` is row 1). */
export interface XlsxSheet {
  name: string;
  /** Sparse: a row without values, and a cell without a value, are holes. */
  rows: Cell[][];
}

export interface XlsxReadOptions {
  /** Only the first sheet (the responses layout). */
  first?: boolean;
  /** The sheets to read, by name; others are not inflated. Default: all. */
  wanted?: (name: string) => boolean;
}

const toBuffer = (data: Buffer | ArrayBuffer | Uint8Array): Buffer =>
  Buffer.isBuffer(data)
    ? data
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/**
 * The sheets of a workbook, in workbook order, with the same bounds as the responses reader: the limits
 * of XLSX_LIMITS hold for the whole read (cells are counted across the sheets read), and the first one
 * passed, or an unreadable archive, gives one error naming the sheet and, where it has one, the row and
 * column. The design workbook and XLSForm reader (design.ts) and the responses reader share it.
 */
export async function readXlsxSheets(
  data: Buffer | ArrayBuffer | Uint8Array,
  options: XlsxReadOptions = {},
): Promise<Result<XlsxSheet[]>> {
  try {
    return { ok: true, value: await readSheets(toBuffer(data), options) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, errors: [e.issue] };
    if (e instanceof ZipError)
      return {
        ok: false,
        errors: [
          fileIssue(
            e.kind === 'too-large' ? `fichier XLSX refusé : ${e.message}` : `fichier XLSX illisible (${e.message})`,
          ),
        ],
      };
    if (e instanceof XmlError)
      return {
        ok: false,
        errors: [fileIssue(e.limit ? `fichier XLSX refusé : ${e.message}` : `fichier XLSX illisible (${e.message})`)],
      };
    throw e;
  }
}

async function readSheets(buf: Buffer, options: XlsxReadOptions): Promise<XlsxSheet[]> {
  const entries = readZipDirectory(buf, XLSX_LIMITS.parts);
  const part = (path: string) => entries.get(path.toLowerCase());
  const workbookEntry = part('xl/workbook.xml');
  if (!workbookEntry) throw new ZipError('unreadable', 'xl/workbook.xml absent');
  const workbook = await readWorkbook(buf, workbookEntry);
  if (workbook.sheets.length === 0) throw new Refusal(fileIssue('le classeur ne contient aucune feuille'));
  const chosen = options.first
    ? workbook.sheets.slice(0, 1)
    : workbook.sheets.filter((s) => !options.wanted || options.wanted(s.name));
  if (chosen.length === 0) return [];
  const rels = part('xl/_rels/workbook.xml.rels');
  const targets = rels ? await readRelationships(buf, rels) : new Map<string, Relationship>();
  const byType = (suffix: string, fallback: string) =>
    part([...targets.values()].find((r) => r.type.endsWith(suffix))?.path ?? fallback);
  const stylesEntry = byType('/styles', 'xl/styles.xml');
  const stringsEntry = byType('/sharedStrings', 'xl/sharedStrings.xml');
  const dateStyles = stylesEntry ? await readDateStyles(buf, stylesEntry) : new Set<number>();
  const strings = stringsEntry ? await readSharedStrings(buf, stringsEntry) : [];
  const counter = { cells: 0 };
  const out: XlsxSheet[] = [];
  for (const sheet of chosen) {
    const sheetTarget = targets.get(sheet.rid);
    const sheetEntry = sheetTarget ? part(sheetTarget.path) : undefined;
    if (!sheetEntry) throw new ZipError('unreadable', `feuille « ${sheet.name} » introuvable`);
    const ctx = { name: sheet.name, strings, dateStyles, date1904: workbook.date1904, counter };
    out.push({ name: sheet.name, rows: await readSheet(buf, sheetEntry, ctx) });
  }
  return out;
}

/** Feeds an entry's inflated UTF-8 text to a handler. */
async function scanPart(buf: Buffer, entry: ZipEntry, maxBytes: number, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler, { maxToken: MAX_TOKEN, maxElements: XLSX_LIMITS.elements });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new XmlError(`${entry.name} : texte qui n’est pas de l’UTF-8`);
    }
  };
  let first = true;
  for await (const chunk of inflateEntry(buf, entry, maxBytes)) {
    if (first && chunk.length >= 2 && (chunk[0] === 0xfe || chunk[0] === 0xff) && chunk[1] === (chunk[0] ^ 1))
      throw new XmlError(`${entry.name} : encodage UTF-16 non pris en charge`);
    first = false;
    scanner.write(decode(chunk));
  }
  scanner.write(decode());
  scanner.end();
}

interface Workbook {
  sheets: { name: string; rid: string }[];
  date1904: boolean;
}

async function readWorkbook(buf: Buffer, entry: ZipEntry): Promise<Workbook> {
  const out: Workbook = { sheets: [], date1904: false };
  await scanPart(buf, entry, XLSX_LIMITS.otherPartBytes, {
    names: ['workbookPr', 'sheet'],
    capturing: false,
    open(name, raw) {
      if (name === 'workbookPr') {
        const v = attribute(raw, 'date1904');
        out.date1904 = v === '1' || v === 'true';
      } else if (name === 'sheet') {
        if (out.sheets.length >= XLSX_LIMITS.sheets)
          throw new Refusal(fileIssue(`plus de ${formatNumberFr(XLSX_LIMITS.sheets)} feuilles`));
        const a = attributes(raw);
        // The relationship id is `r:id` whatever the prefix bound to the relationships namespace.
        const rid = Object.keys(a).find((k) => k.endsWith(':id'));
        out.sheets.push({ name: a['name'] ?? '', rid: rid ? a[rid]! : '' });
      }
    },
    close() {},
    text() {},
  });
  return out;
}

interface Relationship {
  path: string;
  type: string;
}

async function readRelationships(buf: Buffer, entry: ZipEntry): Promise<Map<string, Relationship>> {
  const out = new Map<string, Relationship>();
  await scanPart(buf, entry, XLSX_LIMITS.otherPartBytes, {
    names: ['Relationship'],
    capturing: false,
    open(_name, raw) {
      const a = attributes(raw);
      const target = a['Target'] ?? '';
      // Targets are relative to xl/ (the workbook's folder), or absolute from the archive's root.
      const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
      out.set(a['Id'] ?? '', { path, type: a['Type'] ?? '' });
    },
    close() {},
    text() {},
  });
  return out;
}

/** ExcelJS's rule: a number format with date or time letters outside quotes and brackets. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Built-in number formats that are dates or times (the ids ExcelJS knows without a numFmt element). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** The indexes of the cell styles (`s` of a cell) whose number format is a date or a time. */
async function readDateStyles(buf: Buffer, entry: ZipEntry): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await scanPart(buf, entry, XLSX_LIMITS.otherPartBytes, {
    names: ['numFmt', 'cellXfs', 'xf'],
    capturing: false,
    open(name, raw, selfClosing) {
      if (name === 'numFmt') custom.set(Number(attribute(raw, 'numFmtId')), attribute(raw, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = !selfClosing;
      else if (name === 'xf' && inCellXfs) formats.push(Number(attribute(raw, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  const dates = new Set<number>();
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILT_IN_DATES.has(id)) dates.add(index);
  });
  return dates;
}

/** One string per `<si>`: its text, or its rich text runs joined (phonetic runs left out). */
async function readSharedStrings(buf: Buffer, entry: ZipEntry): Promise<string[]> {
  const out: string[] = [];
  let parts: string[] | null = null;
  let length = 0;
  let inText = false;
  let phonetic = 0;
  const h: XmlHandler = {
    names: ['si', 't', 'rPh'],
    capturing: false,
    open(name, _raw, selfClosing) {
      if (selfClosing) {
        if (name === 'si') out.push('');
        return;
      }
      if (name === 'si') {
        parts = [];
        length = 0;
      } else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = true;
      h.capturing = inText && !!parts && !phonetic;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && parts) {
        if (out.length >= XLSX_LIMITS.cells)
          throw new Refusal(fileIssue(`plus de ${formatNumberFr(XLSX_LIMITS.cells)} textes partagés`));
        out.push(parts.join(''));
        parts = null;
      }
      h.capturing = inText && !!parts && !phonetic;
    },
    text(raw, cdata) {
      const piece = cdata ? raw : decodeXml(raw);
      if ((length += piece.length) > XLSX_LIMITS.cellChars)
        throw new Refusal(
          fileIssue(`texte partagé n° ${out.length} de plus de ${formatNumberFr(XLSX_LIMITS.cellChars)} caractères`),
        );
      parts!.push(piece);
    },
  };
  await scanPart(buf, entry, XLSX_LIMITS.sharedStringsBytes, h);
  return out;
}

interface SheetContext {
  name: string;
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
  /** Cells seen so far in this read, across sheets. */
  counter: { cells: number };
}

/** "XFD12" → [12, 16384]; a reference without letters or digits gives 0 for that part. */
function parseRef(ref: string): [row: number, col: number] {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    const upper = c & ~0x20;
    if (upper < 0x41 || upper > 0x5a) break;
    col = col * 26 + (upper - 0x40);
    if (col > 1e6) break;
  }
  const row = Number(ref.slice(i));
  return [Number.isInteger(row) ? row : 0, col];
}

const CELL_ATTRIBUTES = ['r', 't', 's'];

/** ExcelJS's conversion of a date serial (days since 1899-12-30, or 1904-01-01) to a Date. */
const excelDate = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

async function readSheet(buf: Buffer, entry: ZipEntry, ctx: SheetContext): Promise<Cell[][]> {
  const sheet = `feuille « ${ctx.name} »`;
  const limit = (path: string, message: string, row?: number) =>
    new Refusal({ path, message: `${sheet} : ${message}`, ...(row === undefined ? {} : { row }) });
  const max = (n: number) => formatNumberFr(n);
  const rows: Cell[][] = [];
  let inSheetData = false;
  let rowNumber = 0;
  let cells: Cell[] | null = null;
  // The cell being read.
  let col = 0;
  let type = '';
  let style = -1;
  /** The cell's value text so far; null until a value element is seen. */
  let text: string | null = null;
  let inInline = false;
  let phonetic = 0;

  const value = (): Cell => {
    const raw = text;
    if (raw === null) return null;
    switch (type) {
      case 's': {
        const s = ctx.strings[Number(raw)];
        if (s === undefined) throw new ZipError('unreadable', `texte partagé n° ${raw} absent`);
        return s;
      }
      case 'inlineStr':
      case 'str':
        return raw;
      case 'b':
        return raw.trim() !== '0' && raw.trim() !== 'false';
      case 'e':
        return null;
      case 'd': {
        const d = new Date(raw);
        return Number.isNaN(d.getTime()) ? raw : d;
      }
      default: {
        if (raw.trim() === '') return null;
        const n = parseFloat(raw);
        if (Number.isNaN(n)) return raw;
        return ctx.dateStyles.has(style) ? excelDate(n, ctx.date1904) : n;
      }
    }
  };

  const h: XmlHandler = {
    names: ['sheetData', 'dimension', 'row', 'c', 'v', 'is', 't', 'rPh'],
    capturing: false,
    open(name, raw, selfClosing) {
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = !selfClosing;
        else if (name === 'dimension') checkDimension(attribute(raw, 'ref') ?? '');
        return;
      }
      switch (name) {
        case 'row': {
          const r = Number(attribute(raw, 'r') ?? rowNumber + 1);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = selfClosing ? null : [];
          col = 0;
          return;
        }
        case 'c': {
          if (++ctx.counter.cells > XLSX_LIMITS.cells)
            throw rowNumber > 0
              ? limit(`ligne ${rowNumber}`, `plus de ${max(XLSX_LIMITS.cells)} cellules`, rowNumber)
              : limit('(fichier)', `plus de ${max(XLSX_LIMITS.cells)} cellules`);
          const [ref, t, s] = attributeValues(raw, CELL_ATTRIBUTES);
          const refCol = ref ? parseRef(ref)[1] : 0;
          col = refCol > 0 ? refCol : col + 1;
          type = t ?? 'n';
          style = s === undefined ? -1 : Number(s);
          text = null;
          inInline = false;
          phonetic = 0;
          return;
        }
        case 'v':
          text ??= '';
          h.capturing = !selfClosing;
          return;
        case 'is':
          text ??= '';
          inInline = !selfClosing;
          return;
        case 'rPh':
          if (!selfClosing) phonetic++;
          return;
        case 't':
          h.capturing = inInline && !selfClosing && !phonetic;
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          h.capturing = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'is':
          inInline = false;
          return;
        case 'c': {
          const v = value();
          text = null;
          if (v === null || v === '' || !cells) return;
          if (rowNumber > XLSX_LIMITS.rows)
            throw limit(`ligne ${rowNumber}`, `plus de ${max(XLSX_LIMITS.rows)} lignes`, rowNumber);
          if (col > TABLE_LIMITS.columns)
            throw limit(
              `ligne ${rowNumber}, colonne ${columnLetter(col - 1)}`,
              `valeur au-delà de la colonne ${columnLetter(TABLE_LIMITS.columns - 1)} (${max(TABLE_LIMITS.columns)} colonnes au plus)`,
              rowNumber,
            );
          cells[col - 1] = v;
          return;
        }
        case 'row':
          if (cells && cells.length) rows[rowNumber - 1] = cells;
          cells = null;
          return;
        case 'sheetData':
          inSheetData = false;
          return;
      }
    },
    text(raw, cdata) {
      if (text === null) return;
      text += cdata ? raw : decodeXml(raw);
      if (text.length > XLSX_LIMITS.cellChars)
        throw limit(
          `ligne ${rowNumber}, colonne ${columnLetter(col - 1)}`,
          `cellule de plus de ${max(XLSX_LIMITS.cellChars)} caractères`,
          rowNumber,
        );
    },
  };

  /** The declared extent (`A1:XFD2000`), refused before any row is read when it passes the limits. */
  function checkDimension(ref: string): void {
    const [lastRow, lastCol] = parseRef(ref.slice(ref.indexOf(':') + 1));
    if (lastCol > TABLE_LIMITS.columns)
      throw limit(`dimension ${ref}`, `${max(lastCol)} colonnes déclarées (${max(TABLE_LIMITS.columns)} au plus)`);
    if (lastRow > XLSX_LIMITS.rows)
      throw limit(`dimension ${ref}`, `${max(lastRow)} lignes déclarées (${max(XLSX_LIMITS.rows)} au plus)`);
  }

  await scanPart(buf, entry, XLSX_LIMITS.sheetBytes, h);
  return rows;
}
