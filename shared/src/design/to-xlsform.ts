/**
 * A SurveyJS questionnaire as XLSForm sheets (`survey`, `choices`, `settings`): the reverse of xlsform.ts,
 * so that reading what this writes gives the same questionnaire back. Each page is a top-level group with
 * appearance `field-list` (one screen in ODK); what no XLSForm column carries (a SurveyJS type XLSForm
 * lacks, a property, a condition XLSForm cannot write) goes to the row's `surveyjs` cell as JSON, which
 * the reader merges back, so nothing is lost.
 */
import { ExpressionError, parseSurveyjsExpression, surveyjsToXlsform, writeXlsformExpression } from './expression.js';
import { languageLabel } from './languages.js';
import type { SheetCell } from './sheet.js';

type Json = Record<string, unknown>;
export type SheetRow = Map<string, SheetCell>;

export interface XlsformSheets {
  /** Language codes with a column of their own (`label::Français (fr)`), besides the plain `label`. */
  languages: string[];
  survey: { columns: string[]; rows: SheetRow[] };
  choices: { columns: string[]; rows: SheetRow[] };
  settings: { columns: string[]; rows: SheetRow[] };
  /** Question names, in questionnaire order (for drop-down lists). */
  questionNames: string[];
  listNames: string[];
}

const LOCALISED = ['label', 'hint', 'required_message', 'constraint_message'] as const;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The language keys of localised texts (`{ default, fr, en }`), `default` left out. */
function collectLanguages(node: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const n of node) collectLanguages(n, out, depth + 1);
    return;
  }
  if (!isObject(node)) return;
  for (const [k, v] of Object.entries(node)) {
    if (
      (k === 'title' || k === 'description' || k === 'text' || k === 'html' || k.endsWith('ErrorText')) &&
      isObject(v)
    ) {
      for (const [lang, t] of Object.entries(v)) if (lang !== 'default' && typeof t === 'string') out.add(lang);
    } else collectLanguages(v, out, depth + 1);
  }
}

function collectNames(node: unknown, out: Set<string>, depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(node)) {
    for (const n of node) collectNames(n, out, depth + 1);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node['name'] === 'string' && (typeof node['type'] === 'string' || typeof node['expression'] === 'string'))
    out.add(node['name']);
  for (const key of ['pages', 'elements', 'questions', 'templateElements', 'calculatedValues'])
    collectNames(node[key], out, depth + 1);
}

class Writer {
  readonly survey: SheetRow[] = [];
  readonly choices: SheetRow[] = [];
  private readonly lists = new Map<string, string>();
  readonly listNames: string[] = [];
  readonly questionNames: string[] = [];
  private generated = 0;

  constructor(
    readonly languages: string[],
    /** Names of the questions and calculated values, which texts may show (`{q}`). */
    private readonly names: Set<string>,
  ) {}

  /** Writes a localised text into `field` and `field::lang` cells; false when it is no text. */
  private text(row: SheetRow, field: string, value: unknown): boolean {
    if (typeof value === 'string') {
      row.set(field, this.piped(value));
      return true;
    }
    if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) return false;
    for (const [lang, t] of Object.entries(value)) {
      if (lang === 'default') row.set(field, this.piped(t as string));
      else row.set(`${field}::${languageLabel(lang)}`, this.piped(t as string));
    }
    return true;
  }

  /** An answer shown in a text: SurveyJS writes `{q}`, XLSForm `${q}` (only for the form's own names). */
  private piped(text: string): string {
    return text.replace(/\{([^{}\s]+)\}/g, (whole, name: string) => (this.names.has(name) ? `\${${name}}` : whole));
  }

  /** Moves the listed properties of `rest` into cells; an expression XLSForm cannot write stays in `rest`. */
  private expression(row: SheetRow, column: string, rest: Json, key: string, self?: string) {
    const v = rest[key];
    if (typeof v !== 'string' || !v.trim()) return;
    try {
      row.set(column, surveyjsToXlsform(v, self ? { self } : {}));
      delete rest[key];
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
    }
  }

  private finish(row: SheetRow, rest: Json, force = false) {
    if (Object.keys(rest).length || force) row.set('surveyjs', JSON.stringify(rest));
    this.survey.push(row);
  }

  page(page: Json, index: number) {
    const row: SheetRow = new Map();
    const rest: Json = { ...page };
    const elements = rest['elements'] ?? rest['questions'];
    delete rest['elements'];
    delete rest['questions'];
    row.set('type', 'begin_group');
    row.set('name', typeof rest['name'] === 'string' && rest['name'] ? rest['name'] : `page${index + 1}`);
    delete rest['name'];
    if (this.text(row, 'label', rest['title'])) delete rest['title'];
    if (this.text(row, 'hint', rest['description'])) delete rest['description'];
    this.expression(row, 'relevant', rest, 'visibleIf');
    row.set('appearance', 'field-list');
    this.finish(row, rest);
    this.elements(elements);
    this.survey.push(new Map([['type', 'end_group']]));
  }

  elements(list: unknown) {
    if (!Array.isArray(list)) return;
    for (const e of list) if (isObject(e)) this.element(e);
  }

  private name(rest: Json, row: SheetRow) {
    let name = typeof rest['name'] === 'string' && rest['name'] ? rest['name'] : '';
    if (!name) name = `element_${++this.generated}`;
    delete rest['name'];
    row.set('name', name);
    return name;
  }

  private common(row: SheetRow, rest: Json, name: string) {
    if (this.text(row, 'label', rest['title'])) delete rest['title'];
    if (this.text(row, 'hint', rest['description'])) delete rest['description'];
    this.expression(row, 'relevant', rest, 'visibleIf');
    if (rest['isRequired'] === true) {
      row.set('required', 'yes');
      delete rest['isRequired'];
    } else if (typeof rest['requiredIf'] === 'string') this.expression(row, 'required', rest, 'requiredIf');
    if (rest['isRequired'] === false) delete rest['isRequired'];
    if (this.text(row, 'required_message', rest['requiredErrorText'])) delete rest['requiredErrorText'];
    if (rest['readOnly'] === true) {
      row.set('read_only', 'yes');
      delete rest['readOnly'];
    }
    const dv = rest['defaultValue'];
    if (typeof dv === 'number' || (typeof dv === 'string' && dv && !/[${(]/.test(dv) && dv.trim() === dv)) {
      row.set('default', dv);
      delete rest['defaultValue'];
    } else if (Array.isArray(dv) && dv.length && dv.every((v) => typeof v === 'string' && v && !/\s/.test(v))) {
      row.set('default', dv.join(' '));
      delete rest['defaultValue'];
    }
    this.expression(row, 'default', rest, 'defaultValueExpression');
    this.validators(row, rest, name);
  }

  /** min/max of a number input, or one expression or regex validator, as the `constraint` cell. */
  private validators(row: SheetRow, rest: Json, name: string) {
    const min = rest['min'];
    const max = rest['max'];
    const numeric = rest['inputType'] === 'number' || row.get('type') === 'integer' || row.get('type') === 'decimal';
    if (numeric && (typeof min === 'number' || typeof max === 'number')) {
      if ((min !== undefined && typeof min !== 'number') || (max !== undefined && typeof max !== 'number')) return;
      const minText = rest['minErrorText'];
      const maxText = rest['maxErrorText'];
      const message =
        min !== undefined && max !== undefined
          ? JSON.stringify(minText) === JSON.stringify(maxText)
            ? minText
            : null
          : min !== undefined
            ? minText
            : maxText;
      if (message === null) return;
      if (
        (min !== undefined && maxText !== undefined && max === undefined) ||
        (max !== undefined && minText !== undefined && min === undefined)
      )
        return;
      const parts = [];
      if (typeof min === 'number') parts.push(`. >= ${min}`);
      if (typeof max === 'number') parts.push(`. <= ${max}`);
      if (message !== undefined && !this.text(row, 'constraint_message', message)) return;
      row.set('constraint', parts.join(' and '));
      delete rest['min'];
      delete rest['max'];
      delete rest['minErrorText'];
      delete rest['maxErrorText'];
      return;
    }
    const validators = rest['validators'];
    if (!Array.isArray(validators) || validators.length !== 1 || !isObject(validators[0])) return;
    const v = validators[0];
    const keys = Object.keys(v).filter((k) => k !== 'text');
    if (v['type'] === 'text' && keys.every((k) => k === 'type' || k === 'minLength' || k === 'maxLength')) {
      const parts: string[] = [];
      const min = v['minLength'];
      const max = v['maxLength'];
      if (min !== undefined && (typeof min !== 'number' || !Number.isInteger(min) || min < 1)) return;
      if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) return;
      if (min !== undefined) parts.push(`string-length(.) >= ${min}`);
      if (max !== undefined) parts.push(`string-length(.) <= ${max}`);
      if (!parts.length) return;
      if (v['text'] !== undefined && !this.text(row, 'constraint_message', v['text'])) return;
      row.set('constraint', parts.join(' and '));
      delete rest['validators'];
      return;
    }
    if (v['type'] === 'regex' && typeof v['regex'] === 'string' && keys.length === 2) {
      if (v['regex'].includes("'") && v['regex'].includes('"')) return;
      const q = v['regex'].includes("'") ? '"' : "'";
      if (v['text'] !== undefined && !this.text(row, 'constraint_message', v['text'])) return;
      row.set('constraint', `regex(., ${q}${v['regex']}${q})`);
      delete rest['validators'];
      return;
    }
    if (v['type'] !== 'expression' || typeof v['expression'] !== 'string' || keys.length !== 2) return;
    const prefix = `{${name}} empty or (`;
    const expr = v['expression'];
    if (!expr.startsWith(prefix) || !expr.endsWith(')')) return;
    try {
      const inner = parseSurveyjsExpression(expr.slice(prefix.length, -1));
      const written = writeXlsformExpression(inner, { self: name });
      if (v['text'] !== undefined && !this.text(row, 'constraint_message', v['text'])) return;
      row.set('constraint', written);
      delete rest['validators'];
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
    }
  }

  /** The list of a select's choices: one list per distinct set of choices, named after its first question. */
  private list(name: string, choices: unknown[]): string | undefined {
    const items: { value: string | number | boolean; rest: Json; text?: unknown }[] = [];
    for (const c of choices) {
      if (typeof c === 'string' || typeof c === 'number' || typeof c === 'boolean') {
        if (typeof c === 'string' && c.includes('|')) {
          const [value = '', ...text] = c.split('|');
          items.push({ value, rest: {}, text: text.join('|') });
        } else items.push({ value: c, rest: {} });
      } else if (isObject(c)) {
        const v = c['value'];
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
        if (v === '') return undefined;
        const rest = { ...c };
        delete rest['value'];
        const text = rest['text'];
        delete rest['text'];
        items.push({ value: v, rest, ...(text === undefined ? {} : { text }) });
      } else return undefined;
    }
    const key = JSON.stringify(items.map((i) => [i.value, i.text ?? null, i.rest]));
    const known = this.lists.get(key);
    if (known) return known;
    // A short list is named after its values (`oui_non`), which reads better on every question that
    // shares it; a longer one after its first question.
    const values = items.map((i) => String(i.value));
    const short = values.join('_');
    let base = short.length <= 24 && values.every((v) => /^[A-Za-z0-9_-]+$/.test(v)) ? short : name;
    if (!/^[A-Za-z_]/.test(base)) base = `liste_${base}`;
    let list = base;
    for (let n = 2; this.listNames.includes(list); n++) list = `${base}_${n}`;
    name = list;
    this.lists.set(key, name);
    this.listNames.push(name);
    for (const item of items) {
      const row: SheetRow = new Map();
      row.set('list_name', name);
      row.set('name', item.value);
      if (item.text !== undefined && !this.text(row, 'label', item.text)) item.rest['text'] = item.text;
      if (Object.keys(item.rest).length) row.set('surveyjs', JSON.stringify(item.rest));
      this.choices.push(row);
    }
    return name;
  }

  element(e: Json) {
    const rest: Json = { ...e };
    const type = typeof rest['type'] === 'string' ? rest['type'].toLowerCase() : '';
    delete rest['type'];
    const row: SheetRow = new Map();
    const name = this.name(rest, row);
    const set = (t: string) => row.set('type', t);
    const appearance = (a: string) => row.set('appearance', a);
    switch (type) {
      case 'panel':
      case 'paneldynamic': {
        const repeat = type === 'paneldynamic';
        set(repeat ? 'begin_repeat' : 'begin_group');
        const inner = repeat ? rest['templateElements'] : (rest['elements'] ?? rest['questions']);
        delete rest['templateElements'];
        delete rest['elements'];
        delete rest['questions'];
        if (this.text(row, 'label', rest['title'])) delete rest['title'];
        if (this.text(row, 'hint', rest['description'])) delete rest['description'];
        this.expression(row, 'relevant', rest, 'visibleIf');
        if (repeat && typeof rest['panelCount'] === 'number') {
          row.set('repeat_count', rest['panelCount']);
          delete rest['panelCount'];
        }
        this.finish(row, rest);
        this.elements(inner);
        this.survey.push(new Map([['type', repeat ? 'end_repeat' : 'end_group']]));
        return;
      }
      case 'html': {
        set('note');
        if (this.text(row, 'label', rest['html'])) delete rest['html'];
        this.expression(row, 'relevant', rest, 'visibleIf');
        this.finish(row, rest);
        return;
      }
      case 'text': {
        const input = rest['inputType'];
        if (input === undefined || input === 'text') set('text');
        else if (input === 'number') set(rest['step'] === 1 ? 'integer' : 'decimal');
        else if (input === 'date') set('date');
        else if (input === 'time') set('time');
        else if (input === 'datetime-local') set('datetime');
        else set('text');
        if (row.get('type') !== 'text' || input === 'text') delete rest['inputType'];
        if (row.get('type') === 'integer') delete rest['step'];
        break;
      }
      case 'comment':
        set('text');
        appearance('multiline');
        break;
      case 'radiogroup':
      case 'dropdown':
      case 'checkbox':
      case 'tagbox':
      case 'ranking': {
        const list = Array.isArray(rest['choices']) ? this.list(name, rest['choices'] as unknown[]) : undefined;
        if (!list || (rest['showOtherItem'] === true && rest['otherItemValue'] !== undefined)) {
          this.fallback(row, rest, type, name);
          return;
        }
        delete rest['choices'];
        const base =
          type === 'ranking' ? 'rank' : type === 'checkbox' || type === 'tagbox' ? 'select_multiple' : 'select_one';
        const other = rest['showOtherItem'] === true && type !== 'ranking';
        if (other) delete rest['showOtherItem'];
        set(`${base} ${list}${other ? ' or_other' : ''}`);
        if (type === 'dropdown' || type === 'tagbox') appearance('minimal');
        if (rest['choicesOrder'] === 'random') {
          row.set('parameters', 'randomize=true');
          delete rest['choicesOrder'];
        }
        break;
      }
      case 'rating': {
        if (rest['rateValues'] !== undefined || rest['rateCount'] !== undefined)
          return this.fallback(row, rest, type, name);
        const start = typeof rest['rateMin'] === 'number' ? rest['rateMin'] : 1;
        const end = typeof rest['rateMax'] === 'number' ? rest['rateMax'] : 5;
        const step = typeof rest['rateStep'] === 'number' ? rest['rateStep'] : 1;
        const count = step > 0 ? Math.floor((end - start) / step) + 1 : 0;
        if (count < 1 || count > 11) return this.fallback(row, rest, type, name);
        set('range');
        row.set('parameters', `start=${start} end=${end} step=${step}`);
        // The reader gives all three: one left to SurveyJS's default is marked for removal (null).
        for (const k of ['rateMin', 'rateMax', 'rateStep']) {
          if (rest[k] === undefined) rest[k] = null;
          else delete rest[k];
        }
        break;
      }
      case 'boolean': {
        const keys = Object.keys(rest);
        if (rest['renderAs'] === 'checkbox' && rest['valueTrue'] === 'OK' && !keys.includes('valueFalse')) {
          set('acknowledge');
          delete rest['renderAs'];
          delete rest['valueTrue'];
          break;
        }
        return this.fallback(row, rest, type, name);
      }
      default:
        return this.fallback(row, rest, type, name);
    }
    this.questionNames.push(name);
    this.common(row, rest, name);
    this.finish(row, rest);
  }

  /** A SurveyJS element with no XLSForm type: its type as SurveyJS names it, its properties as JSON. */
  private fallback(row: SheetRow, rest: Json, type: string, name: string) {
    row.set('type', type || 'text');
    if (type !== 'expression' && type !== 'image') this.questionNames.push(name);
    this.common(row, rest, name);
    this.finish(row, rest, true);
  }

  calculated(values: unknown) {
    if (!Array.isArray(values)) return;
    for (const v of values) {
      if (!isObject(v) || typeof v['name'] !== 'string') continue;
      const rest: Json = { ...v };
      const row: SheetRow = new Map([
        ['type', 'calculate'],
        ['name', v['name']],
      ]);
      delete rest['name'];
      this.expression(row, 'calculation', rest, 'expression');
      // The reader stores calculations with the answers, as ODK does; null marks one that was not.
      if (rest['includeIntoResult'] === true) delete rest['includeIntoResult'];
      else rest['includeIntoResult'] = rest['includeIntoResult'] ?? null;
      this.finish(row, rest);
    }
  }
}

/** Columns in XLSForm order, language columns after their plain one, then Trame's `surveyjs`. */
function columnsOf(base: string[], rows: SheetRow[], languages: string[], all = false): string[] {
  const out: string[] = [];
  const present = new Set<string>();
  for (const r of rows) for (const k of r.keys()) present.add(k);
  for (const c of base) {
    const always = all ? c !== 'surveyjs' : c === 'type' || c === 'name' || c === 'label' || c === 'list_name';
    if (present.has(c) || always) out.push(c);
    if ((LOCALISED as readonly string[]).includes(c))
      for (const l of languages) {
        const col = `${c}::${languageLabel(l)}`;
        if (present.has(col)) out.push(col);
      }
  }
  return out;
}

/**
 * The XLSForm sheets of a questionnaire. `blank`: no questionnaire, every usual column laid out (with
 * `choice_filter`, which the writer itself never needs: a filtered choice keeps its condition as JSON).
 */
export function questionnaireToXlsform(questionnaire: unknown, blank = false): XlsformSheets {
  const q: Json = isObject(questionnaire) ? questionnaire : {};
  const langs = new Set<string>();
  collectLanguages(q, langs);
  const languages = [...langs];
  const names = new Set<string>();
  collectNames(q, names);
  const w = new Writer(languages, names);
  if (Array.isArray(q['pages'])) (q['pages'] as unknown[]).forEach((p, i) => isObject(p) && w.page(p, i));
  const top = q['elements'] ?? q['questions'];
  if (Array.isArray(top) && top.length)
    w.page({ name: Array.isArray(q['pages']) ? undefined : 'page1', elements: top }, 0);
  w.calculated(q['calculatedValues']);

  const settings: SheetRow = new Map();
  const rest: Json = { ...q };
  for (const k of ['pages', 'elements', 'questions', 'calculatedValues']) delete rest[k];
  if (typeof rest['title'] === 'string') {
    settings.set('form_title', rest['title']);
    delete rest['title'];
  }
  if (typeof rest['locale'] === 'string') {
    settings.set('default_language', rest['locale']);
    delete rest['locale'];
  }
  if (Object.keys(rest).length) settings.set('surveyjs', JSON.stringify(rest));

  const surveyBase = [
    'type',
    'name',
    'label',
    'hint',
    'required',
    'required_message',
    'relevant',
    'constraint',
    'constraint_message',
    'appearance',
    'default',
    'calculation',
    'read_only',
    'parameters',
    'repeat_count',
    'surveyjs',
  ];
  return {
    languages,
    survey: {
      columns: columnsOf(
        blank ? [...surveyBase.slice(0, 10), 'choice_filter', ...surveyBase.slice(10)] : surveyBase,
        w.survey,
        languages,
        blank,
      ),
      rows: w.survey,
    },
    choices: { columns: columnsOf(['list_name', 'name', 'label', 'surveyjs'], w.choices, languages), rows: w.choices },
    settings: {
      columns: ['form_title', 'default_language', 'surveyjs'].filter((c) => c !== 'surveyjs' || settings.has(c)),
      rows: [settings],
    },
    questionNames: w.questionNames,
    listNames: w.listNames,
  };
}
