import type { Bundle, Scalar } from '../bundle/schema.js';
import { valueKey } from '../engine/values.js';
import { isForbiddenName, nullObject, ownValue } from '../keys.js';
import {
  buildCatalog,
  refChoices,
  resolveRef,
  type ChoiceInfo,
  type QuestionInfo,
  type QuestionRef,
} from '../questionnaire/catalog.js';
import type { ResponseRecord, Result, ValidationIssue } from '../types.js';
import { checkAnswers } from '../questionnaire/answers.js';
import { parseNumber } from './number.js';

/**
 * CSV and XLSX responses (spec §3) share this reader: a header row of question names, one row per
 * respondent, each cell typed by its question. Problems are reported by row (the header is row 1, as in a
 * spreadsheet) and column; one problem anywhere and nothing is imported.
 */

export type Cell = string | number | boolean | Date | null | undefined;

export interface TableOptions {
  /** Whether "1,5" is a decimal number (CSV with `;`, and XLSX text cells). */
  decimalComma: boolean;
  /** Name of the file kind for messages: "CSV" or "XLSX". */
  kind: string;
}

const MAX_ERRORS = 200;
const RESERVED = new Set(['id', 'status', 'submittedAt']);

type Column =
  | { kind: 'reserved'; name: string }
  | { kind: 'question'; ref: QuestionRef; header: string }
  | { kind: 'comment'; question: QuestionInfo; header: string }
  | { kind: 'onehot'; question: QuestionInfo; choice: ChoiceInfo; header: string };

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellIssue(row: number, header: string, col: number, message: string): ValidationIssue {
  return { path: `ligne ${row}, colonne « ${header} » (${columnLetter(col)})`, message, row, column: header };
}

const norm = (s: string) => s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Matches a cell to a choice: by value first, then by label (what people type in a spreadsheet). */
class ChoiceMatcher {
  private readonly byValue = new Map<string, Scalar>();
  private readonly byLabel = new Map<string, Scalar>();
  constructor(choices: ChoiceInfo[], special: readonly Scalar[]) {
    for (const c of [...choices, ...special.map((v) => ({ value: v, text: String(v) }))]) {
      if (!this.byValue.has(valueKey(c.value))) this.byValue.set(valueKey(c.value), c.value);
    }
    for (const c of choices) {
      const k = norm(c.text);
      if (k && !this.byLabel.has(k)) this.byLabel.set(k, c.value);
    }
  }
  match(raw: Scalar): Scalar | undefined {
    const byValue = this.byValue.get(valueKey(typeof raw === 'string' ? raw.trim() : raw));
    if (byValue !== undefined) return byValue;
    return typeof raw === 'string' ? this.byLabel.get(norm(raw)) : undefined;
  }
}

const TRUE_WORDS = new Set(['true', '1', 'oui', 'vrai', 'yes', 'o', 'y', 'x']);
const FALSE_WORDS = new Set(['false', '0', 'non', 'faux', 'no', 'n']);

function asText(cell: Cell): string {
  if (cell instanceof Date) return cell.toISOString();
  return String(cell);
}

function isEmptyCell(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function readTable(bundle: Bundle, rows: Cell[][], options: TableOptions): Result<ResponseRecord[]> {
  const catalog = buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
  const errors: ValidationIssue[] = [];
  const header = rows[0];
  if (!header || header.every(isEmptyCell)) {
    return {
      ok: false,
      errors: [
        {
          path: 'ligne 1',
          message: `fichier ${options.kind} vide : une ligne d’en-tête avec les noms des questions est attendue`,
          row: 1,
        },
      ],
    };
  }

  const columns: (Column | null)[] = [];
  const seen = new Map<string, number>();
  header.forEach((rawName, col) => {
    const name = isEmptyCell(rawName) ? '' : asText(rawName).trim();
    if (!name) {
      columns.push(null); // an unnamed column must be empty in every row, checked below
      return;
    }
    if (seen.has(name)) {
      errors.push(cellIssue(1, name, col, `colonne en double (déjà en ${columnLetter(seen.get(name)!)})`));
      columns.push(null);
      return;
    }
    seen.set(name, col);
    // The names of a header are keys of the data (`q`, `matrix.row`); the choice of `q/choice` is a value.
    const slashAt = name.lastIndexOf('/');
    const forbidden = (slashAt > 0 ? name.slice(0, slashAt) : name).split('.').find(isForbiddenName);
    if (forbidden) {
      errors.push(cellIssue(1, name, col, `nom interdit « ${forbidden} » dans l’en-tête de colonne`));
      return void columns.push(null);
    }
    if (RESERVED.has(name)) return void columns.push({ kind: 'reserved', name });
    const ref = resolveRef(catalog, name);
    if (ref) return void columns.push({ kind: 'question', ref, header: name });
    if (name.endsWith('-Comment')) {
      const q = catalog.byName.get(name.slice(0, -8));
      if (q && q.hasComment) return void columns.push({ kind: 'comment', question: q, header: name });
    }
    const slash = name.lastIndexOf('/');
    if (slash > 0) {
      const q = catalog.byName.get(name.slice(0, slash));
      const choiceText = name.slice(slash + 1);
      if (q && (q.shape === 'multiple' || q.shape === 'single') && q.choices) {
        const choice = [...q.choices, ...q.specialValues.map((v) => ({ value: v, text: String(v) }))].find(
          (c) => valueKey(c.value) === valueKey(choiceText),
        );
        if (choice) return void columns.push({ kind: 'onehot', question: q, choice, header: name });
      }
    }
    errors.push(
      cellIssue(
        1,
        name,
        col,
        'colonne inconnue : ce n’est ni une question du questionnaire, ni id, status ou submittedAt',
      ),
    );
    columns.push(null);
  });
  if (errors.length) return { ok: false, errors };

  const matchers = new Map<QuestionInfo, ChoiceMatcher | null>();
  const matcherFor = (ref: QuestionRef): ChoiceMatcher | null => {
    // One matcher per question (matrix rows share their matrix's columns).
    const q = ref.question;
    if (!matchers.has(q)) {
      const choices = refChoices(ref.path.length ? { question: q, path: ['_'] } : ref);
      matchers.set(
        q,
        choices && choices.length ? new ChoiceMatcher(choices, ref.path.length ? [] : q.specialValues) : null,
      );
    }
    return matchers.get(q)!;
  };

  // The first column of each question (a matrix has one per row), where an answer's issue is reported.
  const firstColumn = new Map<string, number>();
  columns.forEach((c, i) => {
    const name = !c || c.kind === 'reserved' ? null : 'ref' in c ? c.ref.question.name : c.question.name;
    if (name !== null && !firstColumn.has(name)) firstColumn.set(name, i);
  });
  const records: ResponseRecord[] = [];
  const idRows = new Map<string, number>();
  for (let r = 1; r < rows.length && errors.length < MAX_ERRORS; r++) {
    const row = rows[r] ?? [];
    const rowNumber = r + 1;
    if (row.every(isEmptyCell)) continue;
    // Keyed by question names, matrix rows and items: objects without a prototype (see keys.ts).
    const record: ResponseRecord = { status: 'complete', data: nullObject() };
    const data = record.data;
    const fail = (col: number, head: string, message: string) => errors.push(cellIssue(rowNumber, head, col, message));
    if (row.length > columns.length && row.slice(columns.length).some((c) => !isEmptyCell(c))) {
      fail(columns.length, '(sans nom)', 'valeur dans une colonne sans en-tête');
    }
    columns.forEach((column, col) => {
      const cell = row[col];
      if (!column) {
        if (!isEmptyCell(cell)) fail(col, '(sans nom)', 'valeur dans une colonne sans en-tête');
        return;
      }
      if (isEmptyCell(cell)) return;
      switch (column.kind) {
        case 'reserved': {
          const text = asText(cell).trim();
          if (column.name === 'status') {
            if (text === 'complete' || text === 'partial') record.status = text;
            else fail(col, 'status', `statut « ${text} » inconnu (attendu : complete ou partial)`);
          } else if (column.name === 'id') {
            const first = idRows.get(text);
            if (first !== undefined) fail(col, 'id', `identifiant « ${text} » en double (déjà ligne ${first})`);
            else idRows.set(text, rowNumber);
            record.id = text;
          } else record.submittedAt = cell instanceof Date ? cell.toISOString() : text;
          return;
        }
        case 'comment':
          data[column.header] = asText(cell);
          return;
        case 'onehot': {
          const on =
            typeof cell === 'boolean'
              ? cell
              : TRUE_WORDS.has(norm(asText(cell)))
                ? true
                : FALSE_WORDS.has(norm(asText(cell)))
                  ? false
                  : undefined;
          if (on === undefined) return fail(col, column.header, `0 ou 1 attendu, « ${asText(cell)} » trouvé`);
          if (!on) return;
          const q = column.question;
          if (q.shape === 'multiple') {
            const list = (data[q.name] as Scalar[] | undefined) ?? [];
            list.push(column.choice.value);
            data[q.name] = list;
          } else if (data[q.name] !== undefined) {
            fail(col, column.header, `une seule réponse possible à « ${q.name} »`);
          } else data[q.name] = column.choice.value;
          return;
        }
        case 'question': {
          const typed = typeCell(column.ref, cell, options, matcherFor);
          if ('error' in typed) return fail(col, column.header, typed.error);
          setAt(data, column.ref, typed.value);
          const commentKey = `${column.ref.question.name}-Comment`;
          if (typed.comment !== undefined && ownValue(data, commentKey) === undefined) data[commentKey] = typed.comment;
          return;
        }
      }
    });
    // The one answer check, as for JSON files and public saves: what the cells became must be an answer
    // SurveyJS could have stored (a structured value given as JSON in a cell, a list per matrix cell…).
    for (const issue of checkAnswers(bundle, data, catalog)) {
      const key = issue.path.split(/[.[]/)[0]!;
      const at = seen.get(issue.path) ?? seen.get(key) ?? firstColumn.get(key) ?? 0;
      const head = asText(header[at] ?? key).trim();
      const detail = issue.path === head ? '' : ` (${issue.path})`;
      fail(at, head, `${issue.message}${detail}`);
    }
    records.push(record);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: records };
}

function setAt(data: Record<string, unknown>, ref: QuestionRef, value: unknown) {
  if (ref.path.length === 0) {
    data[ref.question.name] = value;
    return;
  }
  let target = data[ref.question.name] as Record<string, unknown> | undefined;
  if (!target || typeof target !== 'object') target = data[ref.question.name] = nullObject();
  for (let i = 0; i < ref.path.length - 1; i++) {
    const p = ref.path[i]!;
    let next = ownValue(target, p) as Record<string, unknown> | undefined;
    if (!next || typeof next !== 'object') next = target[p] = nullObject();
    target = next;
  }
  target[ref.path[ref.path.length - 1]!] = value;
}

/** A typed cell; `comment` is the text of an "other" answer, stored by SurveyJS under `<question>-Comment`. */
type Typed = { value: unknown; comment?: string } | { error: string };

type MatcherFor = (ref: QuestionRef) => ChoiceMatcher | null;

function typeCell(ref: QuestionRef, cell: Cell, options: TableOptions, matcherFor: MatcherFor): Typed {
  const q = ref.question;
  const text = asText(cell);
  const matcher = matcherFor(ref);
  const choice = (raw: Scalar): Typed => {
    if (!matcher) {
      const n = typeof raw === 'string' ? parseNumber(raw, { decimalComma: false }) : undefined;
      return { value: n ?? raw };
    }
    const v = matcher.match(raw);
    if (v !== undefined) return { value: v };
    if (ref.path.length === 0 && q.openChoices) return { value: raw }; // custom choice, or "other" stored as value
    // An "other" typed in: SurveyJS stores the "other" value and the text as the question's comment.
    if (ref.path.length === 0 && q.otherValue !== undefined) return { value: q.otherValue, comment: String(raw) };
    return { error: `valeur « ${String(raw)} » absente des choix de la question « ${q.name} »` };
  };
  if (ref.path.length > 0) {
    if (q.shape === 'matrix') return choice(typeof cell === 'string' ? cell.trim() : (cell as Scalar));
    // A matrixdropdown cell (`matrix.row.column`) is typed as its column's question.
    const column = q.columns?.find((c) => c.name === ref.path[ref.path.length - 1]);
    if (column && ref.path.length === 2) {
      const typed = typeCell({ question: column.cell, path: [] }, cell, options, matcherFor);
      return 'comment' in typed ? { value: typed.value } : typed;
    }
    const item = q.items?.find((i) => i.name === ref.path[ref.path.length - 1]);
    if (item?.numeric) {
      const n = parseNumber(cell, options);
      return n === undefined ? { error: `nombre attendu, « ${text} » trouvé` } : { value: n };
    }
    return { value: typeof cell === 'number' ? cell : text };
  }
  switch (q.shape) {
    case 'single':
    case 'rating':
      return choice(typeof cell === 'string' ? cell.trim() : (cell as Scalar));
    case 'multiple':
    case 'ranking': {
      const parts =
        typeof cell === 'string'
          ? cell
              .split('|')
              .map((s) => s.trim())
              .filter(Boolean)
          : [cell as Scalar];
      const out: unknown[] = [];
      const comments: string[] = [];
      for (const part of parts) {
        const t = choice(part);
        if ('error' in t) return t;
        if (t.comment !== undefined) comments.push(t.comment);
        if (!out.includes(t.value)) out.push(t.value);
      }
      // With `valuePropertyName`, SurveyJS stores each choice as `{ [valuePropertyName]: value }`.
      const prop = q.valuePropertyName;
      const value = prop ? out.map((v) => ({ [prop]: v })) : out;
      return comments.length ? { value, comment: comments.join(' | ') } : { value };
    }
    case 'boolean': {
      const bv = q.booleanValues ?? { true: true, false: false };
      if (typeof cell === 'boolean') return { value: cell ? bv.true : bv.false };
      const k = norm(text);
      if (valueKey(k) === valueKey(bv.true) || TRUE_WORDS.has(k) || norm(q.choices?.[0]?.text ?? '') === k)
        return { value: bv.true };
      if (valueKey(k) === valueKey(bv.false) || FALSE_WORDS.has(k) || norm(q.choices?.[1]?.text ?? '') === k)
        return { value: bv.false };
      return { error: `oui/non attendu (true/false, 1/0, oui/non), « ${text} » trouvé` };
    }
    case 'number': {
      const n = parseNumber(cell, options);
      return n === undefined ? { error: `nombre attendu, « ${text} » trouvé` } : { value: n };
    }
    case 'text':
      return { value: typeof cell === 'number' ? String(cell) : text };
    case 'any':
      return {
        value: typeof cell === 'number' || typeof cell === 'boolean' ? cell : (parseNumber(cell, options) ?? text),
      };
    case 'matrix':
    case 'object': {
      const t = text.trim();
      if (t.startsWith('{') || t.startsWith('[')) {
        try {
          return { value: JSON.parse(t) };
        } catch {
          /* fall through */
        }
      }
      return q.shape === 'matrix'
        ? { error: `une colonne par ligne de la matrice est attendue (« ${q.name}.ligne »)` }
        : { error: 'valeur structurée attendue (JSON)' };
    }
  }
}
