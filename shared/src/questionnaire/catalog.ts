import type { Scalar } from '../bundle/schema.js';
import { ownValue } from '../keys.js';
import { MAX_DEPTH, walkQuestionnaire } from './walk.js';

/**
 * What Trame needs to know about a SurveyJS questionnaire, read from its JSON alone (no survey-core model:
 * the catalogue is built once per bundle and must stay cheap): every question that stores a value, in
 * questionnaire order, with its choices, its kind of value, and the visibility conditions that apply to it
 * (its own `visibleIf` and those of the panels and page that contain it).
 */

export interface ChoiceInfo {
  value: Scalar;
  text: string;
}

export type ValueShape =
  | 'single' // one choice value (radiogroup, dropdown, imagepicker, buttongroup)
  | 'multiple' // list of choice values (checkbox, tagbox, multi-select imagepicker)
  | 'ranking' // ordered list of choice values
  | 'boolean'
  | 'number' // numeric text input, slider, expression with a numeric result
  | 'rating'
  | 'text' // free text (text, comment)
  | 'matrix' // { row: columnValue }
  | 'object' // other structured values (matrixdropdown, multipletext, paneldynamic, file...)
  | 'any';

export interface QuestionInfo {
  /** Key of the value in response data (SurveyJS `valueName`, else `name`). */
  name: string;
  type: string;
  title: string;
  shape: ValueShape;
  /** Known choices; undefined when they are dynamic (choicesByUrl, choicesFromQuestion...). */
  choices?: ChoiceInfo[];
  /** Matrix rows (referenced as `matrix.row`). */
  rows?: ChoiceInfo[];
  /** Items of a multipletext / columns of a matrixdropdown (referenced as `q.item`). */
  items?: { name: string; title: string; numeric: boolean }[];
  /** Values SurveyJS adds beside the choices ("other", "none", "refused", "dontknow"). */
  specialValues: Scalar[];
  /** Whether a `name-Comment` key may accompany the value (other item or comment area). */
  hasComment: boolean;
  /** Conditions that must all hold for the question to be visible (own, panels', page's). */
  visibleIf: string[];
  /** Page name or index, for display. */
  page: string;
  booleanValues?: { true: Scalar; false: Scalar };
  /** Checkbox/tagbox `valuePropertyName`: each selected value is stored as `{ [valuePropertyName]: value }`. */
  valuePropertyName?: string;
  /**
   * Whether a value outside the choices is legal: `allowCustomChoices`, or an "other" item whose text
   * SurveyJS stores as the value itself (`storeOthersAsComment: false`).
   */
  openChoices: boolean;
  /** The value of the question's "other" item, when it has one. */
  otherValue?: Scalar;
  /** Cells of a matrixdropdown / matrixdynamic, by column. */
  columns?: ColumnInfo[];
  /** A matrixdropdown / matrixdynamic with totals: survey-core writes them under `<name>-total`. */
  hasTotals?: boolean;
  /** The questions of each panel of a paneldynamic (its `templateElements`). */
  template?: QuestionnaireCatalog;
}

/** A column of a matrixdropdown / matrixdynamic: what one cell holds. */
export interface ColumnInfo {
  name: string;
  title: string;
  /** The cell's own question, as the catalogue describes it (`cellType`, else the matrix's, else dropdown). */
  cell: QuestionInfo;
}

export interface QuestionnaireCatalog {
  questions: QuestionInfo[];
  byName: Map<string, QuestionInfo>;
  /** Names of calculated values and other non-question variables usable in expressions. */
  variables: Set<string>;
  /** SurveyJS `clearInvisibleValues`; "none" keeps hidden questions' answers. */
  clearInvisibleValues: string;
}

type Json = Record<string, unknown>;

const SINGLE = new Set(['radiogroup', 'dropdown', 'buttongroup']);
const MULTIPLE = new Set(['checkbox', 'tagbox']);
export { MAX_DEPTH } from './walk.js';

const NO_VALUE = new Set(['html', 'image', 'panel', 'flowpanel', 'empty']);

export function textOf(value: unknown, locale = 'fr'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object') {
    const picked =
      ownValue(value, locale) ?? ownValue(value, 'default') ?? Object.values(value as Record<string, unknown>)[0];
    return typeof picked === 'string' ? picked : '';
  }
  return '';
}

/** A JSON property read as text: strings, numbers and booleans as they are, anything else as `fallback`. */
export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : fallback;
}

function toScalar(value: unknown): Scalar | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** SurveyJS ItemValue: a scalar, "value|text", or { value, text }. */
export function readItems(raw: unknown, locale: string): ChoiceInfo[] {
  if (!Array.isArray(raw)) return [];
  const out: ChoiceInfo[] = [];
  for (const item of raw) {
    if (item && typeof item === 'object') {
      const obj = item as Json;
      const value = toScalar(obj['value'] ?? obj['name']);
      if (value === undefined) continue;
      const text = textOf(obj['text'] ?? obj['title'], locale);
      out.push({ value, text: text || String(value) });
    } else if (typeof item === 'string' && item.includes('|')) {
      const [value = '', ...rest] = item.split('|');
      out.push({ value, text: rest.join('|') || value });
    } else {
      const value = toScalar(item);
      if (value !== undefined) out.push({ value, text: String(value) });
    }
  }
  return out;
}

function ratingChoices(q: Json, locale: string): ChoiceInfo[] {
  const explicit = readItems(q['rateValues'], locale);
  if (explicit.length > 0) return explicit;
  const min = typeof q['rateMin'] === 'number' ? q['rateMin'] : 1;
  const step = typeof q['rateStep'] === 'number' && q['rateStep'] > 0 ? q['rateStep'] : 1;
  let max = typeof q['rateMax'] === 'number' ? q['rateMax'] : undefined;
  if (max === undefined) {
    const count = typeof q['rateCount'] === 'number' ? q['rateCount'] : 5;
    max = min + (count - 1) * step;
  }
  const out: ChoiceInfo[] = [];
  for (let v = min; v <= max + 1e-9 && out.length < 1000; v += step) {
    const value = Math.round(v * 1e9) / 1e9;
    out.push({ value, text: String(value) });
  }
  return out;
}

function specialValuesOf(q: Json): Scalar[] {
  const out: Scalar[] = [];
  if (q['showOtherItem'] === true || q['hasOther'] === true) out.push(str(q['otherItemValue'], 'other'));
  if (q['showNoneItem'] === true || q['hasNone'] === true) out.push(str(q['noneItemValue'], 'none'));
  // survey-core's defaults (settings.refuseItemValue, settings.dontKnowItemValue). "Select all" stores
  // the choices themselves, no value of its own.
  if (q['showRefuseItem'] === true) out.push('refused');
  if (q['showDontKnowItem'] === true) out.push('dontknow');
  return out;
}

const hasOtherItem = (q: Json) => q['showOtherItem'] === true || q['hasOther'] === true;

interface Context {
  locale: string;
  /** The survey's `storeOthersAsComment` (a question's own setting wins). */
  storeOthersAsComment: boolean;
  depth: number;
}

function describe(q: Json, ctx: Context): Omit<QuestionInfo, 'name' | 'visibleIf' | 'page'> | null {
  const locale = ctx.locale;
  const type = str(q['type']).toLowerCase();
  if (NO_VALUE.has(type)) return null;
  const title = textOf(q['title'], locale) || str(q['name']);
  const special = specialValuesOf(q);
  const hasComment = hasOtherItem(q) || q['showCommentArea'] === true || q['hasComment'] === true;
  const storeOthersAsComment =
    typeof q['storeOthersAsComment'] === 'boolean' ? q['storeOthersAsComment'] : ctx.storeOthersAsComment;
  const openChoices = q['allowCustomChoices'] === true || (hasOtherItem(q) && !storeOthersAsComment);
  const dynamicChoices = Boolean(q['choicesByUrl'] || q['choicesFromQuestion']);
  const otherValue = hasOtherItem(q) ? special[0] : undefined;
  const base = {
    type,
    title,
    specialValues: special,
    hasComment,
    openChoices,
    ...(otherValue !== undefined && { otherValue }),
  };
  const choices = dynamicChoices ? undefined : readItems(q['choices'], locale);
  if (SINGLE.has(type)) return { ...base, shape: 'single', choices };
  if (MULTIPLE.has(type)) {
    const valuePropertyName = str(q['valuePropertyName']) || undefined;
    return { ...base, shape: 'multiple', choices, ...(valuePropertyName && { valuePropertyName }) };
  }
  if (type === 'imagepicker') return { ...base, shape: q['multiSelect'] === true ? 'multiple' : 'single', choices };
  if (type === 'ranking') return { ...base, shape: 'ranking', choices };
  if (type === 'rating') return { ...base, shape: 'rating', choices: ratingChoices(q, locale) };
  if (type === 'boolean') {
    const t = toScalar(q['valueTrue']) ?? true;
    const f = toScalar(q['valueFalse']) ?? false;
    const choices = [
      { value: t, text: textOf(q['labelTrue'], locale) || 'Oui' },
      { value: f, text: textOf(q['labelFalse'], locale) || 'Non' },
    ];
    return { ...base, shape: 'boolean', choices, booleanValues: { true: t, false: f } };
  }
  if (type === 'text') {
    const inputType = str(q['inputType'], 'text').toLowerCase();
    return { ...base, shape: inputType === 'number' || inputType === 'range' ? 'number' : 'text' };
  }
  if (type === 'slider') return { ...base, shape: q['sliderType'] === 'range' ? 'object' : 'number' };
  if (type === 'comment') return { ...base, shape: 'text' };
  if (type === 'expression') return { ...base, shape: 'any' };
  if (type === 'matrix') {
    return {
      ...base,
      shape: 'matrix',
      rows: readItems(q['rows'], locale),
      choices: readItems(q['columns'], locale),
    };
  }
  if (type === 'multipletext') {
    const items = Array.isArray(q['items'])
      ? (q['items'] as Json[]).map((it) => ({
          name: str(it['name']),
          title: textOf(it['title'], locale) || str(it['name']),
          numeric: str(it['inputType']) === 'number',
        }))
      : [];
    return { ...base, shape: 'object', items };
  }
  if (type === 'matrixdropdown' || type === 'matrixdynamic') {
    const columns = matrixColumns(q, ctx);
    const items = columns.map((c) => ({
      name: c.name,
      title: c.title,
      numeric: c.cell.shape === 'number',
    }));
    const hasTotals = (Array.isArray(q['columns']) ? (q['columns'] as unknown[]) : []).some(
      (c) =>
        !!c &&
        typeof c === 'object' &&
        ((typeof (c as Json)['totalType'] === 'string' && (c as Json)['totalType'] !== 'none') ||
          (typeof (c as Json)['totalExpression'] === 'string' && !!(c as Json)['totalExpression'])),
    );
    // A matrixdropdown's cells are referenced as `matrix.row.column` (its columns as items); a
    // matrixdynamic's rows have no names, so its columns are no references.
    if (type === 'matrixdynamic') return { ...base, shape: 'object', columns, hasTotals };
    return { ...base, shape: 'object', rows: readItems(q['rows'], locale), items, columns, hasTotals };
  }
  if (type === 'paneldynamic') {
    const template =
      ctx.depth < MAX_DEPTH
        ? catalogOf({ elements: q['templateElements'] }, { ...ctx, depth: ctx.depth + 1 })
        : undefined;
    return { ...base, shape: 'object', ...(template && { template }) };
  }
  return { ...base, shape: type ? 'object' : 'any' };
}

/** survey-core's default cell type of a matrixdropdown / matrixdynamic. */
const DEFAULT_CELL_TYPE = 'dropdown';

/**
 * The columns of a matrixdropdown / matrixdynamic, each described as the question its cells are: the
 * column's `cellType`, else the matrix's, else a dropdown; the matrix's `choices` when the column has none.
 */
function matrixColumns(q: Json, ctx: Context): ColumnInfo[] {
  if (!Array.isArray(q['columns'])) return [];
  const matrixCellType = str(q['cellType'], 'default').toLowerCase();
  const out: ColumnInfo[] = [];
  for (const raw of q['columns'] as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const c = raw as Json;
    const name = str(c['name']);
    if (!name) continue;
    let cellType = str(c['cellType'], 'default').toLowerCase();
    if (cellType === 'default') cellType = matrixCellType === 'default' ? DEFAULT_CELL_TYPE : matrixCellType;
    const cellJson: Json = { ...c, type: cellType };
    if (cellJson['choices'] === undefined && q['choices'] !== undefined) cellJson['choices'] = q['choices'];
    const cell = describe(cellJson, ctx);
    if (!cell) continue;
    out.push({
      name,
      title: textOf(c['title'], ctx.locale) || name,
      cell: { ...cell, name, visibleIf: [], page: '' },
    });
  }
  return out;
}

/** Builds the catalogue of a SurveyJS survey JSON. */
export function buildCatalog(questionnaire: unknown, locale = 'fr'): QuestionnaireCatalog {
  const survey = (questionnaire && typeof questionnaire === 'object' ? questionnaire : {}) as Json;
  return catalogOf(survey, { locale, storeOthersAsComment: survey['storeOthersAsComment'] !== false, depth: 0 });
}

function catalogOf(survey: Json, ctx: Context): QuestionnaireCatalog {
  const questions: QuestionInfo[] = [];
  const byName = new Map<string, QuestionInfo>();
  for (const node of walkQuestionnaire(survey)) {
    if (node.kind !== 'element') continue;
    const el = node.element;
    const type = str(el['type']).toLowerCase();
    if (type === 'panel' || type === 'flowpanel') continue;
    const info = describe(el, { ...ctx, depth: ctx.depth + node.depth });
    if (!info || typeof el['name'] !== 'string' || !el['name']) continue;
    const name = typeof el['valueName'] === 'string' && el['valueName'] ? el['valueName'] : el['name'];
    if (byName.has(name)) continue; // SurveyJS shares one value between questions with the same valueName
    const q: QuestionInfo = { ...info, name, visibleIf: node.conditions, page: node.pageName };
    questions.push(q);
    byName.set(name, q);
  }

  const variables = new Set<string>();
  for (const cv of Array.isArray(survey['calculatedValues']) ? (survey['calculatedValues'] as Json[]) : []) {
    if (cv && typeof cv['name'] === 'string') variables.add(cv['name']);
  }
  // Variables set by triggers (`setvariable`) are read by conditions like calculated values.
  for (const t of Array.isArray(survey['triggers']) ? (survey['triggers'] as Json[]) : []) {
    if (t && typeof t['setToName'] === 'string' && str(t['type']).toLowerCase() === 'setvariable')
      variables.add(t['setToName']);
  }
  return {
    questions,
    byName,
    variables,
    clearInvisibleValues:
      typeof survey['clearInvisibleValues'] === 'string' ? survey['clearInvisibleValues'] : 'onComplete',
  };
}

/**
 * Resolves a reference used by indicators and segments: a question name, or `matrix.row` /
 * `multipletext.item` / `matrixdropdown.row.column`.
 */
export interface QuestionRef {
  question: QuestionInfo;
  /** Path inside the question's value ([] for the whole value). */
  path: string[];
}

export function resolveRef(catalog: QuestionnaireCatalog, ref: string): QuestionRef | null {
  const direct = catalog.byName.get(ref);
  if (direct) return { question: direct, path: [] };
  // Longest question-name prefix: names may themselves contain dots.
  const parts = ref.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    const q = catalog.byName.get(parts.slice(0, i).join('.'));
    if (!q) continue;
    const path = parts.slice(i);
    if (q.shape === 'matrix' && path.length === 1 && q.rows?.some((r) => String(r.value) === path[0])) {
      return { question: q, path };
    }
    if (q.type === 'multipletext' && path.length === 1 && q.items?.some((it) => it.name === path[0])) {
      return { question: q, path };
    }
    if (
      q.type === 'matrixdropdown' &&
      path.length === 2 &&
      q.rows?.some((r) => String(r.value) === path[0]) &&
      q.items?.some((c) => c.name === path[1])
    ) {
      return { question: q, path };
    }
    return null;
  }
  return null;
}

/** Choices that a reference's values are drawn from (matrix row → the matrix columns). */
export function refChoices(ref: QuestionRef): ChoiceInfo[] | undefined {
  const q = ref.question;
  if (ref.path.length === 0) return q.shape === 'matrix' ? undefined : q.choices;
  if (q.shape === 'matrix') return q.choices;
  return undefined;
}

export function refIsNumeric(ref: QuestionRef): boolean {
  const q = ref.question;
  if (ref.path.length === 0) return q.shape === 'number' || q.shape === 'rating' || q.shape === 'any';
  if (q.type === 'multipletext') return q.items?.find((i) => i.name === ref.path[0])?.numeric ?? false;
  return true;
}

/**
 * Variables survey-core itself provides to expressions (survey-core's `getFilteredValues` and text
 * processing): no question needed for them.
 */
const BUILT_IN_VARIABLES = new Set(['locale', 'pageno', 'pagecount', 'correctanswers', 'incorrectanswers']);

/**
 * The question an expression variable reads, in survey-core's syntax: `{q}`, `{matrix.row}`, `{q[0]}`,
 * `{q-unwrapped}` (a `valuePropertyName` list as plain values), `{q-Comment}` (its comment),
 * `{q-total.column}` (a matrix's totals) and `{$q.containsErrors}` (a property of the question, not its
 * value). Null when the variable is no question's.
 */
export function variableQuestion(catalog: QuestionnaireCatalog, variable: string): QuestionInfo | null {
  const property = variable.startsWith('$');
  const name = property ? variable.slice(1) : variable;
  const ref = resolveRef(catalog, name);
  if (ref) return ref.question;
  const cut = name.search(/[.[]/);
  const root = cut === -1 ? name : name.slice(0, cut);
  const direct = catalog.byName.get(root);
  if (direct) return direct;
  for (const suffix of ['-unwrapped', '-Comment', '-total']) {
    if (!root.endsWith(suffix)) continue;
    const q = catalog.byName.get(root.slice(0, -suffix.length));
    if (q && (suffix !== '-total' || q.hasTotals) && (suffix !== '-Comment' || q.hasComment)) return q;
  }
  return null;
}

/** Whether an expression variable is one survey-core provides, or a calculated value or trigger variable. */
export function isKnownVariable(catalog: QuestionnaireCatalog, variable: string): boolean {
  const cut = variable.search(/[.[]/);
  const root = cut === -1 ? variable : variable.slice(0, cut);
  return catalog.variables.has(root) || BUILT_IN_VARIABLES.has(root.toLowerCase());
}
