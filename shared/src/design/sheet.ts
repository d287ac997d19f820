import { columnLetter } from '../responses/table.js';
import type { ValidationIssue } from '../types.js';

/**
 * The sheets of a workbook as the design readers take them: plain rows of cells, whatever read them (the
 * bounded XLSX reader in node/, or a test). Pure data, so the XLSForm and design workbook translations
 * run anywhere, the browser included.
 */

export type SheetCell = string | number | boolean | Date | null | undefined;

export interface SheetData {
  name: string;
  /** `rows[0]` is spreadsheet row 1 (the header); holes are empty rows and cells. */
  rows: SheetCell[][];
}

/** A problem found in a workbook: the sheet, the spreadsheet row (1-based) and the column header. */
export interface DesignIssue extends ValidationIssue {
  sheet: string;
}

export function issue(sheet: string, message: string, row?: number, column?: string, letter?: string): DesignIssue {
  let path = `feuille « ${sheet} »`;
  if (row !== undefined) path += `, ligne ${row}`;
  if (column !== undefined) path += `, colonne « ${column} »${letter ? ` (${letter})` : ''}`;
  return {
    path,
    sheet,
    message,
    ...(row === undefined ? {} : { row }),
    ...(column === undefined ? {} : { column }),
  };
}

/** Lower case, accents and spaces folded: how headers and sheet names are matched. */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

/** A cell as text: trimmed strings, numbers and booleans written out, dates as YYYY-MM-DD. */
export function cellText(c: SheetCell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number' || typeof c === 'boolean') return String(c);
  return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
}

export interface Column {
  /** Header as written. */
  header: string;
  index: number;
}

/** One data row of a sheet, with what is needed to name its cells in messages. */
export class Row {
  constructor(
    readonly table: Table,
    /** Spreadsheet row number. */
    readonly number: number,
    private readonly cells: SheetCell[],
  ) {}

  raw(col: Column | undefined): SheetCell {
    return col ? this.cells[col.index] : undefined;
  }

  text(col: Column | undefined): string {
    return cellText(this.raw(col));
  }

  /** An issue about one of this row's cells (or the whole row). */
  issue(message: string, col?: Column): DesignIssue {
    return issue(
      this.table.name,
      message,
      this.number,
      col?.header,
      col === undefined ? undefined : columnLetter(col.index),
    );
  }

  isEmpty(): boolean {
    return this.cells.every((c) => cellText(c) === '');
  }
}

/** A sheet read as a table: the first non-empty row is the header. */
export class Table {
  readonly columns: Column[] = [];
  readonly rows: Row[] = [];
  readonly headerRow: number;
  /** Columns by folded header, the first of each. */
  private readonly byHeader = new Map<string, Column>();

  constructor(readonly sheet: SheetData) {
    let h = 0;
    while (h < sheet.rows.length && !(sheet.rows[h] ?? []).some((c) => cellText(c) !== '')) h++;
    this.headerRow = h + 1;
    const header = sheet.rows[h] ?? [];
    for (let i = 0; i < header.length; i++) {
      const text = cellText(header[i]);
      if (!text) continue;
      const column = { header: text, index: i };
      this.columns.push(column);
      const key = fold(text);
      if (!this.byHeader.has(key)) this.byHeader.set(key, column);
    }
    for (let r = h + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r];
      if (!cells) continue;
      const row = new Row(this, r + 1, cells);
      if (!row.isEmpty()) this.rows.push(row);
    }
  }

  get name(): string {
    return this.sheet.name;
  }

  /** The first column whose folded header is one of `names`. */
  column(...names: string[]): Column | undefined {
    let first: Column | undefined;
    for (const name of names) {
      const c = this.byHeader.get(fold(name));
      if (c && (!first || c.index < first.index)) first = c;
    }
    return first;
  }
}

/** The sheet of that name (case, accents and spaces folded). */
export function findSheet(sheets: readonly SheetData[], ...names: string[]): SheetData | undefined {
  const wanted = names.map(fold);
  return sheets.find((s) => wanted.includes(fold(s.name)));
}
