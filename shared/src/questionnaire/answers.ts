import type { Bundle } from '../bundle/schema.js';
import { isScalar, keySet, valueKey } from '../engine/values.js';
import { ownValue } from '../keys.js';
import { parseNumber } from '../responses/number.js';
import type { ResponseRecord, ValidationIssue } from '../types.js';
import { buildCatalog, type QuestionInfo, type QuestionnaireCatalog } from './catalog.js';

const MAX_TEXT = 20_000;
/** Issues reported for a whole file before giving up (the first ones name the problem well enough). */
const MAX_ISSUES = 200;

/**
 * The one answer check (the server's public save route, its imports, and the CLI): one respondent's answers
 * against the questionnaire, as SurveyJS stores them. Refused: an unknown key, a value outside the choices
 * (unless the question takes free text: an "other" item stored as the value, `allowCustomChoices`), a value
 * of the wrong type, structured questions included. Each issue's path is the question name, then the place
 * inside its value (`m.r1.c2`, `pd[0].q`).
 */
export function checkAnswers(bundle: Bundle, data: unknown, catalog?: QuestionnaireCatalog): ValidationIssue[] {
  if (!isObject(data)) return [{ path: 'data', message: 'un objet de réponses est attendu' }];
  return checkObject(catalog ?? buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr'), data, '');
}

/**
 * The answers of every record of a file, each issue's path prefixed by where the record is
 * (`responses[3].data.q`, or `[3].q` for a plain array), as the server's 422 and the CLI report them.
 */
export function checkRecords(
  bundle: Bundle,
  records: readonly ResponseRecord[],
  options: { wrapped: boolean; catalog?: QuestionnaireCatalog },
): ValidationIssue[] {
  const catalog = options.catalog ?? buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
  const errors: ValidationIssue[] = [];
  for (let i = 0; i < records.length && errors.length < MAX_ISSUES; i++) {
    const at = options.wrapped ? `responses[${i}].data` : `[${i}]`;
    for (const issue of checkAnswers(bundle, records[i]!.data, catalog)) {
      errors.push({ ...issue, path: `${at}.${issue.path}` });
    }
  }
  return errors;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

function checkObject(cat: QuestionnaireCatalog, data: Record<string, unknown>, prefix: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    const path = join(prefix, key);
    const q = cat.byName.get(key);
    if (q) {
      issues.push(...checkQuestion(q, value, path));
      continue;
    }
    if (key.endsWith('-Comment') && cat.byName.get(key.slice(0, -8))?.hasComment) {
      if (typeof value !== 'string' || value.length > MAX_TEXT) issues.push({ path, message: 'texte attendu' });
      continue;
    }
    // survey-core writes the totals of a matrix with totals beside its value: `{ column: total }`.
    if (key.endsWith('-total') && cat.byName.get(key.slice(0, -6))?.hasTotals) {
      if (!isObject(value)) issues.push({ path, message: 'un objet { colonne: total } est attendu' });
      continue;
    }
    if (cat.variables.has(key)) continue;
    issues.push({ path, message: `question inconnue « ${key} »` });
  }
  return issues;
}

const anyValue = () => true;
/** Built once per question: a file of a million rows checks each question a million times. */
const choiceTests = new WeakMap<QuestionInfo, (v: unknown) => boolean>();

/** Whether a value is legal for a choice question: among the choices, or anything when free text is allowed. */
function choiceTest(q: QuestionInfo): (v: unknown) => boolean {
  let test = choiceTests.get(q);
  if (!test) {
    if (!q.choices || q.choices.length === 0 || q.openChoices) test = anyValue;
    else {
      const values = [...q.choices.map((c) => c.value), ...q.specialValues];
      // Most answers are a choice's value exactly: looked up as they are before building a key.
      const exact = new Set<unknown>(values);
      const allowed = keySet(values);
      test = (v) => exact.has(v) || allowed.has(valueKey(v));
    }
    choiceTests.set(q, test);
  }
  return test;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

const rowSets = new WeakMap<QuestionInfo, Set<string>>();
function rowKeys(q: QuestionInfo): Set<string> {
  let rows = rowSets.get(q);
  if (!rows) rowSets.set(q, (rows = keySet(q.rows?.map((r) => r.value))));
  return rows;
}

function checkQuestion(q: QuestionInfo, value: unknown, path: string): ValidationIssue[] {
  const message = checkValue(q, value, path);
  if (typeof message === 'string') return [{ path, message }];
  return message;
}

/** A message for the question's whole value, or the issues found inside a structured value. */
function checkValue(q: QuestionInfo, value: unknown, path: string): string | ValidationIssue[] {
  const inChoices = choiceTest(q);
  switch (q.type) {
    case 'matrixdropdown': {
      if (!isObject(value)) return 'un objet { ligne: { colonne: valeur } } est attendu';
      const rows = q.rows?.length ? rowKeys(q) : null;
      const out: ValidationIssue[] = [];
      for (const [row, cells] of Object.entries(value)) {
        if (cells === null || cells === undefined) continue;
        if (rows && !rows.has(valueKey(row)))
          out.push({ path: `${path}.${row}`, message: `ligne « ${row} » inconnue` });
        else out.push(...checkRow(q, cells, `${path}.${row}`));
      }
      return out;
    }
    case 'matrixdynamic': {
      if (!Array.isArray(value)) return 'une liste de lignes { colonne: valeur } est attendue';
      return value.flatMap((row, i) => (row === null ? [] : checkRow(q, row, `${path}[${i}]`)));
    }
    case 'paneldynamic': {
      if (!Array.isArray(value)) return 'une liste de panneaux { question: valeur } est attendue';
      return value.flatMap((panel, i): ValidationIssue[] => {
        if (panel === null) return [];
        if (!isObject(panel)) return [{ path: `${path}[${i}]`, message: 'un objet { question: valeur } est attendu' }];
        return q.template ? checkObject(q.template, panel, `${path}[${i}]`) : [];
      });
    }
    case 'multipletext': {
      if (!isObject(value)) return 'un objet { élément: valeur } est attendu';
      const out: ValidationIssue[] = [];
      for (const [name, v] of Object.entries(value)) {
        if (v === null || v === undefined) continue;
        const item = q.items?.find((it) => it.name === name);
        if (q.items?.length && !item) out.push({ path: `${path}.${name}`, message: `élément « ${name} » inconnu` });
        else if (item?.numeric && parseNumber(v) === undefined)
          out.push({ path: `${path}.${name}`, message: 'nombre attendu' });
        else if (!item?.numeric && !isScalar(v)) out.push({ path: `${path}.${name}`, message: 'texte attendu' });
      }
      return out;
    }
  }
  switch (q.shape) {
    case 'single':
    case 'rating':
      if (!isScalar(value)) return 'une seule valeur est attendue';
      return inChoices(value) ? [] : `valeur « ${String(value)} » absente des choix`;
    case 'multiple':
    case 'ranking': {
      if (!Array.isArray(value)) return 'une liste de valeurs est attendue';
      const prop = q.valuePropertyName;
      for (const item of value) {
        // With `valuePropertyName`, SurveyJS stores each choice as `{ [valuePropertyName]: value, … }`.
        const v: unknown = prop ? (isObject(item) ? ownValue(item, prop) : undefined) : item;
        if (prop && !isObject(item)) return `un objet { ${prop}: valeur } est attendu pour chaque choix`;
        if (!isScalar(v) || !inChoices(v)) return `valeur « ${show(prop ? item : v)} » absente des choix`;
      }
      return [];
    }
    case 'boolean': {
      const bv = q.booleanValues ?? { true: true, false: false };
      return valueKey(value) === valueKey(bv.true) || valueKey(value) === valueKey(bv.false) ? [] : 'oui/non attendu';
    }
    case 'number':
      return parseNumber(value) === undefined ? 'nombre attendu' : [];
    case 'text':
      if (typeof value === 'number') return [];
      if (typeof value !== 'string') return 'texte attendu';
      return value.length > MAX_TEXT ? `texte trop long (${MAX_TEXT} caractères au plus)` : [];
    case 'matrix': {
      if (!isObject(value)) return 'un objet { ligne: colonne } est attendu';
      const rows = rowKeys(q);
      for (const [row, col] of Object.entries(value)) {
        if (q.rows?.length && !rows.has(valueKey(row))) return `ligne « ${row} » inconnue`;
        // A single-select matrix with `cellType: "checkbox"` keeps a list of columns per row.
        const cols = Array.isArray(col) ? (col as unknown[]) : [col];
        const bad = cols.find((c) => !isScalar(c) || !inChoices(c));
        if (bad !== undefined) return `valeur « ${show(bad)} » absente des colonnes (ligne « ${row} »)`;
      }
      return [];
    }
    case 'object':
    case 'any':
      return [];
  }
}

/** One row of a matrixdropdown / matrixdynamic: `{ column: cell }`, each cell checked as its column's question. */
function checkRow(q: QuestionInfo, row: unknown, path: string): ValidationIssue[] {
  if (!isObject(row)) return [{ path, message: 'un objet { colonne: valeur } est attendu' }];
  const out: ValidationIssue[] = [];
  for (const [name, cell] of Object.entries(row)) {
    if (cell === null || cell === undefined) continue;
    const column = q.columns?.find((c) => c.name === name);
    if (!column) {
      // A cell's comment (`col-Comment`) sits beside its value, as a question's does.
      const base = name.endsWith('-Comment') ? q.columns?.find((c) => c.name === name.slice(0, -8)) : undefined;
      if (base?.cell.hasComment && typeof cell === 'string') continue;
      if (!q.columns?.length) continue;
      out.push({ path: `${path}.${name}`, message: `colonne « ${name} » inconnue` });
      continue;
    }
    out.push(...checkQuestion(column.cell, cell, `${path}.${name}`));
  }
  return out;
}
