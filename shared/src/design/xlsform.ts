/**
 * XLSForm (sheets `survey`, `choices`, `settings`, as KoboToolbox and ODK document them) to a SurveyJS
 * questionnaire as Trame stores it. What has no SurveyJS equivalent (geopoints, media, barcodes, choices
 * from a file, metadata, an expression SurveyJS cannot write) does not refuse the form: it is left out or
 * replaced by the closest question, and a French warning names its sheet, row and column. Real errors (no
 * `survey` sheet, a select without its list, duplicate names, unbalanced groups) refuse it.
 *
 * Layout decisions (docs/adr/0008-design-workbook-and-xlsform.md):
 * - each top-level group becomes a page (its label the page title, its `relevant` the page's `visibleIf`),
 *   whatever its appearance; top-level questions between groups make a page of their own; a form
 *   without groups is one page. Nested groups are panels, repeats dynamic panels.
 * - `integer` is a number input with `step: 1`, `decimal` a number input; a constraint made only of
 *   `. >= n` and `. <= n` becomes the input's `min`/`max`, any other an expression validator.
 * - `calculate` is a survey-level calculated value stored with the answers (`includeIntoResult`).
 * - a `surveyjs` column (written by Trame's design workbook) holds SurveyJS properties that no XLSForm
 *   column carries, as JSON, merged into the element; with it, a SurveyJS type that XLSForm lacks
 *   (`boolean`, `matrix`…) is accepted in the `type` column.
 */
import { isForbiddenName } from '../keys.js';
import { parseNumber } from '../responses/number.js';
import type { Result } from '../types.js';
import {
  ExpressionError,
  xlsformToSurveyjs,
  xlsformToSurveyjsTree,
  writeSurveyjsExpression,
  type Expr,
  type QuestionKind,
  type ToSurveyjsContext,
} from './expression.js';
import {
  BEGIN,
  boundsOf,
  END,
  METADATA,
  NAME,
  normaliseType,
  selfRef,
  textLengths,
  UNSUPPORTED,
  XLSFORM_TYPES,
  yesNo,
} from './xlsform-rules.js';
import { FormTexts, type Text } from './xlsform-texts.js';
import { cellText, findSheet, issue, Table, type Column, type DesignIssue, type Row, type SheetData } from './sheet.js';

type Json = Record<string, unknown>;

export interface XlsformQuestionnaire {
  questionnaire: Json;
  /** `settings.form_title`. */
  title?: string;
  /** Code of the default language, when the form names it or has one language column. */
  locale?: string;
  warnings: DesignIssue[];
  /** The survey row each element came from (element object → row), for messages about it later. */
  origins: WeakMap<object, number>;
}

interface Parsed {
  row: Row;
  type: string;
  /** For selects and rank: the list name. */
  list?: string;
  orOther?: boolean;
  name: string;
}

type Container =
  | { kind: 'root'; elements: Json[] }
  | { kind: 'group' | 'repeat'; elements: Json[]; element: Json; row: Row; name: string; page: boolean };

interface Choice {
  value: string | number | boolean;
  text?: Text;
  row: Row;
  extra: Json | undefined;
}

class XlsformReader {
  private readonly errors: DesignIssue[] = [];
  private readonly warnings: DesignIssue[] = [];
  private readonly origins = new WeakMap<object, number>();
  private readonly survey: Table;
  private readonly choices?: Table;
  private readonly settings?: Table;
  private readonly lists = new Map<string, Choice[]>();
  /** Question name → its kind and innermost repeat. */
  private readonly questions = new Map<string, { kind: QuestionKind; repeat?: string; row: number }>();
  private readonly calculated: Json[] = [];
  /** Names of the rows left out (unsupported types), by row: a condition on one is dropped too. */
  private readonly dropped = new Map<string, number>();
  /** The `surveyjs` column of Trame's design workbook (SurveyJS properties as JSON). */
  private surveyjsColumn?: Column;
  private texts!: FormTexts;

  constructor(sheets: readonly SheetData[], surveySheet: SheetData) {
    this.survey = new Table(surveySheet);
    const choices = findSheet(sheets, 'choices');
    if (choices) this.choices = new Table(choices);
    const settings = findSheet(sheets, 'settings');
    if (settings) this.settings = new Table(settings);
  }

  read(): Result<XlsformQuestionnaire> {
    const s = this.survey;
    const type = s.column('type');
    const name = s.column('name') ?? s.column('$autoname');
    if (!type) this.errors.push(issue(s.name, 'colonne « type » absente', s.headerRow));
    if (!name) this.errors.push(issue(s.name, 'colonne « name » absente', s.headerRow));
    if (!type || !name) return { ok: false, errors: this.errors };
    this.surveyjsColumn = s.column('surveyjs');
    this.texts = new FormTexts([this.survey, this.choices], this.warnings);
    const questionnaire: Json = {};
    // Settings first: the default language decides the `default` text of choices and questions.
    const settings = this.readSettings(questionnaire);
    this.readChoices();
    const parsed = this.firstPass(type, name);
    const pages = this.secondPass(parsed);
    if (this.errors.length) return { ok: false, errors: this.errors };
    questionnaire['pages'] = pages;
    if (this.calculated.length) questionnaire['calculatedValues'] = this.calculated;
    Object.assign(questionnaire, settings.extra);
    return {
      ok: true,
      value: {
        questionnaire,
        ...(settings.title === undefined ? {} : { title: settings.title }),
        ...(this.texts.defaultLanguage ? { locale: this.texts.defaultLanguage } : {}),
        warnings: this.warnings,
        origins: this.origins,
      },
    };
  }

  // ---- settings

  private readSettings(questionnaire: Json): { title?: string; extra: Json } {
    const extra: Json = {};
    const t = this.settings;
    const row = t?.rows[0];
    let title: string | undefined;
    if (t && row) {
      title = row.text(t.column('form_title')) || undefined;
      const lang = row.text(t.column('default_language'));
      if (lang) {
        const known = this.texts.languages.find((l) => l === lang || this.texts.code(l) === this.texts.code(lang));
        this.texts.defaultLanguage = known ? this.texts.code(known) : this.texts.code(lang);
      }
      const sj = t.column('surveyjs');
      if (sj && row.text(sj)) Object.assign(extra, this.json(row, sj));
      if (t.rows.length > 1)
        this.warnings.push(
          t.rows[1]!.issue('la feuille « settings » n’a qu’une ligne utile : les suivantes sont ignorées'),
        );
    }
    if (!this.texts.defaultLanguage && this.texts.languages.length > 0 && !this.survey.column('label'))
      this.texts.defaultLanguage = this.texts.code(this.texts.languages[0]!);
    if (title) questionnaire['title'] = title;
    if (this.texts.defaultLanguage && row?.text(t!.column('default_language')))
      questionnaire['locale'] = this.texts.defaultLanguage;
    return { ...(title === undefined ? {} : { title }), extra };
  }

  private json(row: Row, col: Column): Json {
    const text = row.text(col);
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const bad = Object.keys(v).find(isForbiddenName);
        if (bad) {
          this.errors.push(row.issue(`propriété interdite « ${bad} »`, col));
          return {};
        }
        return v as Json;
      }
    } catch {
      // reported below
    }
    this.errors.push(row.issue('objet JSON attendu (propriétés SurveyJS)', col));
    return {};
  }

  // ---- choices

  private readChoices() {
    const t = this.choices;
    if (!t) return;
    const list = t.column('list_name', 'list name');
    const name = t.column('name');
    if (!list || !name) {
      if (t.rows.length) this.errors.push(issue(t.name, 'colonnes « list_name » et « name » attendues', t.headerRow));
      return;
    }
    const sj = t.column('surveyjs');
    const firstRow = new Map<string, number>();
    for (const row of t.rows) {
      const l = row.text(list);
      const raw = row.raw(name);
      const v = typeof raw === 'number' || typeof raw === 'boolean' ? raw : row.text(name);
      if (!l && v === '') continue;
      if (!l) {
        this.errors.push(row.issue('nom de liste manquant', list));
        continue;
      }
      if (v === '') {
        this.errors.push(row.issue(`choix sans valeur dans la liste « ${l} »`, name));
        continue;
      }
      if (typeof v === 'string' && isForbiddenName(v)) {
        this.errors.push(row.issue(`valeur de choix interdite « ${v} »`, name));
        continue;
      }
      const key = `${l}\u0000${String(v)}`;
      const first = firstRow.get(key);
      if (first !== undefined) {
        this.errors.push(
          row.issue(`choix « ${String(v)} » en double dans la liste « ${l} » (déjà ligne ${first})`, name),
        );
        continue;
      }
      firstRow.set(key, row.number);
      const text = this.texts.text(t, row, 'label');
      const extra = sj && row.text(sj) ? this.json(row, sj) : undefined;
      let items = this.lists.get(l);
      if (!items) this.lists.set(l, (items = []));
      items.push({ value: v, ...(text === undefined ? {} : { text }), row, extra });
    }
  }

  // ---- first pass: names, kinds, structure

  private firstPass(typeCol: Column, nameCol: Column): (Parsed | null)[] {
    const out: (Parsed | null)[] = [];
    const stack: { kind: string; name: string; row: Row }[] = [];
    const names = new Map<string, number>();
    const groupNames = new Map<string, number>();
    const autoname = this.survey.column('$autoname');
    for (const row of this.survey.rows) {
      const type = normaliseType(row.text(typeCol));
      // KoboToolbox's exports name a row it named itself in `$autoname`.
      const name = row.text(nameCol) || row.text(autoname);
      if (!type) {
        if (name) this.warnings.push(row.issue(`ligne sans type : « ${name} » est ignorée`, typeCol));
        out.push(null);
        continue;
      }
      const end = END.exec(type);
      if (end) {
        const open = stack.pop();
        if (!open) this.errors.push(row.issue(`« ${type} » sans « begin_${end[1]} » correspondant`, typeCol));
        else if (open.kind !== end[1])
          this.errors.push(
            row.issue(
              `« ${type} » ferme le « begin_${open.kind} » « ${open.name} » de la ligne ${open.row.number}`,
              typeCol,
            ),
          );
        out.push({ row, type: `end_${end[1]}`, name });
        continue;
      }
      const begin = BEGIN.exec(type);
      let parsed: Parsed = { row, type, name };
      const select = /^(select_one|select_multiple|rank)(?: (\S+))?(?: (or_other))?$/.exec(type);
      if (select) {
        parsed = { row, type: select[1]!, name, ...(select[2] ? { list: select[2] } : {}), orOther: !!select[3] };
        if (!select[2]) this.errors.push(row.issue(`« ${select[1]} » sans nom de liste`, typeCol));
        else if (!this.lists.has(select[2]))
          this.errors.push(row.issue(`liste « ${select[2]} » absente de la feuille « choices »`, typeCol));
      } else if (/^(select_one|select_multiple)_(from_file|external)\b/.test(type)) {
        parsed = { row, type: 'from_file', name };
      }
      const needsName = parsed.type !== 'from_file';
      if (needsName && !name) {
        this.errors.push(row.issue('nom manquant', nameCol));
        out.push(null);
        if (begin) stack.push({ kind: begin[1]!, name: '', row });
        continue;
      }
      if (name) {
        if (isForbiddenName(name)) this.errors.push(row.issue(`nom interdit « ${name} »`, nameCol));
        else if (!NAME.test(name))
          this.errors.push(
            row.issue(`nom invalide « ${name} » (ni accolade, ni guillemet, ni « $ », ni retour à la ligne)`, nameCol),
          );
        // Answers are keyed by question (and repeat) names: those are unique. A group's name only names it
        // (a page may be called as one of its questions), so groups are unique among themselves.
        const space = begin?.[1] === 'group' ? groupNames : names;
        const first = space.get(name);
        if (first !== undefined)
          this.errors.push(row.issue(`nom « ${name} » en double (déjà ligne ${first})`, nameCol));
        else space.set(name, row.number);
      }
      if (begin) {
        stack.push({ kind: begin[1]!, name, row });
        parsed.type = `begin_${begin[1]}`;
      } else if (name) {
        const repeat = [...stack].reverse().find((s) => s.kind === 'repeat')?.name;
        const kind: QuestionKind =
          parsed.type === 'select_multiple' || parsed.type === 'rank'
            ? 'multiple'
            : parsed.type === 'select_one'
              ? 'single'
              : ['integer', 'decimal', 'range'].includes(parsed.type)
                ? 'number'
                : 'other';
        const sj = this.surveyjsColumn ? row.text(this.surveyjsColumn) : '';
        const dropped =
          parsed.type === 'from_file' ||
          METADATA.has(parsed.type) ||
          UNSUPPORTED.has(parsed.type) ||
          (!XLSFORM_TYPES.has(parsed.type) && !(sj && /^[a-z]+$/.test(parsed.type)));
        if (dropped) this.dropped.set(name, row.number);
        else this.questions.set(name, { kind, ...(repeat ? { repeat } : {}), row: row.number });
      }
      out.push(parsed);
    }
    for (const open of stack)
      this.errors.push(open.row.issue(`« begin_${open.kind} » « ${open.name} » sans « end_${open.kind} »`, typeCol));
    return out;
  }

  // ---- second pass: elements

  private secondPass(parsed: (Parsed | null)[]): Json[] {
    const root: Container = { kind: 'root', elements: [] };
    const stack: Container[] = [root];
    const repeats: string[] = [];
    for (const p of parsed) {
      if (!p) continue;
      const top = stack[stack.length - 1]!;
      if (p.type === 'end_group' || p.type === 'end_repeat') {
        if (top.kind === 'root') continue;
        stack.pop();
        if (top.kind === 'repeat') repeats.pop();
        const parent = stack[stack.length - 1]!;
        if (top.kind === 'group' && top.page) parent.elements.push(top.element);
        else if (top.kind === 'group') {
          top.element['elements'] = top.elements;
          parent.elements.push(top.element);
        } else {
          top.element['templateElements'] = top.elements;
          parent.elements.push(top.element);
        }
        continue;
      }
      const ctx = this.context(p.name, repeats[repeats.length - 1]);
      if (p.type === 'begin_group' || p.type === 'begin_repeat') {
        const isRepeat = p.type === 'begin_repeat';
        const element: Json = { type: isRepeat ? 'paneldynamic' : 'panel', name: p.name };
        this.common(p.row, element, ctx, { noRequired: true });
        if (isRepeat) this.repeatCount(p.row, element);
        this.merge(p.row, element);
        this.origins.set(element, p.row.number);
        const page = !isRepeat && top.kind === 'root';
        const container: Container = {
          kind: isRepeat ? 'repeat' : 'group',
          elements: [],
          element,
          row: p.row,
          name: p.name,
          page,
        };
        if (page) {
          element['type'] = undefined;
          delete element['type'];
          element['elements'] = container.elements;
        }
        stack.push(container);
        if (isRepeat) repeats.push(p.name);
        continue;
      }
      const element = this.question(p, ctx);
      if (element) {
        this.origins.set(element, p.row.number);
        top.elements.push(element);
      }
    }
    return this.pages(root.elements);
  }

  /** Top-level groups are pages; runs of top-level questions between them make pages of their own. */
  private pages(top: Json[]): Json[] {
    const pages: Json[] = [];
    let run: Json[] = [];
    const isPage = (e: Json) => e['type'] === undefined && Array.isArray(e['elements']);
    const flush = () => {
      if (run.length) pages.push({ elements: run });
      run = [];
    };
    for (const e of top) {
      if (isPage(e)) {
        flush();
        pages.push(e);
      } else run.push(e);
    }
    flush();
    // A generated page name must take neither a question's nor another page's.
    const used = new Set(this.questions.keys());
    for (const page of pages) if (typeof page['name'] === 'string') used.add(page['name']);
    pages.forEach((page, i) => {
      if (typeof page['name'] === 'string' && page['name']) return;
      let n = i + 1;
      while (used.has(`page${n}`)) n++;
      used.add(`page${n}`);
      pages[i] = { name: `page${n}`, ...page };
    });
    return pages;
  }

  private context(self: string, repeat: string | undefined): ToSurveyjsContext {
    // A question inside a repeat has one answer per repetition: outside it (or from another repeat)
    // SurveyJS has no single value to test.
    const outOfReach = (name: string) => {
      const q = this.questions.get(name);
      return !!q?.repeat && q.repeat !== repeat;
    };
    return {
      self,
      kindOf: (name) => (outOfReach(name) ? undefined : this.questions.get(name)?.kind),
      missing: (name) =>
        this.dropped.has(name)
          ? `la question « ${name} » (ligne ${this.dropped.get(name)}) n’est pas importée`
          : outOfReach(name)
            ? `la question « ${name} » est dans la répétition « ${this.questions.get(name)!.repeat} »`
            : undefined,
      inSameRepeat: (name) => repeat !== undefined && this.questions.get(name)?.repeat === repeat,
    };
  }

  /** An expression translated, or undefined with a warning saying what happens without it. */
  private expression(
    row: Row,
    column: string,
    ctx: ToSurveyjsContext,
    consequence: string,
    text = row.text(this.survey.column(column)),
  ): string | undefined {
    if (!text) return undefined;
    try {
      return xlsformToSurveyjs(text, ctx);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      this.warnings.push(
        row.issue(`expression « ${text} » non traduite (${e.message}) : ${consequence}`, this.survey.column(column)),
      );
      return undefined;
    }
  }

  /** Properties every element may have: title, description, visibility, required, read-only. */
  private common(row: Row, element: Json, ctx: ToSurveyjsContext, opts: { noRequired?: boolean } = {}) {
    const s = this.survey;
    const title = this.texts.text(s, row, 'label');
    if (title !== undefined) element['title'] = title;
    const hint = this.texts.text(s, row, 'hint');
    if (hint !== undefined) element['description'] = hint;
    const visibleIf = this.expression(row, 'relevant', ctx, 'l’élément sera toujours affiché');
    if (visibleIf !== undefined && visibleIf !== 'true') element['visibleIf'] = visibleIf;
    if (!opts.noRequired) {
      const req = row.text(s.column('required'));
      const flag = yesNo(req);
      if (flag === true) element['isRequired'] = true;
      else if (flag === undefined) {
        const requiredIf = this.expression(row, 'required', ctx, 'la réponse ne sera pas obligatoire');
        if (requiredIf !== undefined) element['requiredIf'] = requiredIf;
      }
      const message = this.texts.text(s, row, 'required_message');
      if (message !== undefined) element['requiredErrorText'] = message;
    }
    const ro = row.text(s.column('read_only'));
    if (ro) {
      const flag = yesNo(ro);
      if (flag === true) element['readOnly'] = true;
      else if (flag === undefined) {
        const enableIf = this.expression(row, 'read_only', ctx, 'la question restera modifiable');
        if (enableIf !== undefined) element['enableIf'] = `!(${enableIf})`;
      }
    }
  }

  /** A `calculate` row: a calculated value stored with the answers (ODK stores calculations). */
  private calculate(row: Row, name: string, ctx: ToSurveyjsContext): null {
    const col = this.survey.column('calculation');
    const calc = this.expression(row, 'calculation', ctx, 'le calcul est abandonné');
    const value: Json = { name, ...(calc === undefined ? {} : { expression: calc }), includeIntoResult: true };
    this.merge(row, value);
    if (typeof value['expression'] === 'string') this.calculated.push(value);
    else if (!row.text(col)) this.warnings.push(row.issue('« calculate » sans « calculation » : ignoré', col));
    return null;
  }

  /** A `hidden` row: its default, as a constant calculated value (a hidden question would be cleared). */
  private hidden(row: Row, name: string): null {
    const value = row.text(this.survey.column('default'));
    const expression = writeSurveyjsExpression({ k: 'str', v: value });
    this.calculated.push({ name, expression, includeIntoResult: true });
    return null;
  }

  private repeatCount(row: Row, element: Json) {
    const col = this.survey.column('repeat_count');
    const text = row.text(col);
    if (!text) return;
    const n = parseNumber(text);
    if (n !== undefined && Number.isInteger(n) && n >= 0 && n <= 100) element['panelCount'] = n;
    else
      this.warnings.push(
        row.issue(
          `nombre de répétitions « ${text} » non traduit (SurveyJS ne fixe qu’un nombre) : le répondant ajoute les répétitions`,
          col,
        ),
      );
  }

  /** The row's `surveyjs` JSON, merged last. */
  /**
   * The row's `surveyjs` JSON, merged last. A `null` there removes a property the columns gave (the writer
   * marks so what SurveyJS left to its default, e.g. a rating's `rateStep`).
   */
  private merge(row: Row, element: Json) {
    const col = this.surveyjsColumn;
    if (!col || !row.text(col)) return;
    for (const [k, v] of Object.entries(this.json(row, col))) {
      if (v === null) delete element[k];
      else element[k] = v;
    }
  }

  private parameters(row: Row): Map<string, string> {
    const out = new Map<string, string>();
    for (const part of row.text(this.survey.column('parameters')).split(/[\s;,]+/)) {
      const eq = part.indexOf('=');
      if (eq > 0) out.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
    }
    return out;
  }

  private question(p: Parsed, ctx: ToSurveyjsContext): Json | null {
    const s = this.survey;
    const row = p.row;
    const typeCol = s.column('type');
    const appearance = row
      .text(s.column('appearance'))
      .toLowerCase()
      .split(/\s+/)
      .filter((a) => a);
    const has = (a: string) => appearance.includes(a);
    const el: Json = { type: '', name: p.name };
    let valueKind: 'number' | 'text' | 'multiple' | 'other' = 'text';
    const sj = this.surveyjsColumn && row.text(this.surveyjsColumn);
    // A SurveyJS type that XLSForm lacks, written by Trame's design workbook with its properties.
    const type = sj && /^[a-z]+$/.test(p.type) && !XLSFORM_TYPES.has(p.type) ? 'surveyjs' : p.type;
    switch (type) {
      case 'surveyjs':
        el['type'] = p.type;
        valueKind = 'other';
        break;
      case 'text':
        el['type'] = has('multiline') ? 'comment' : 'text';
        break;
      case 'string':
        el['type'] = 'text';
        break;
      case 'integer':
      case 'int':
        Object.assign(el, { type: 'text', inputType: 'number', step: 1 });
        valueKind = 'number';
        break;
      case 'decimal':
        Object.assign(el, { type: 'text', inputType: 'number' });
        valueKind = 'number';
        break;
      case 'date':
        Object.assign(el, { type: 'text', inputType: 'date' });
        break;
      case 'time':
        Object.assign(el, { type: 'text', inputType: 'time' });
        break;
      case 'datetime':
      case 'datetime-local':
        Object.assign(el, { type: 'text', inputType: 'datetime-local' });
        break;
      case 'note': {
        el['type'] = 'html';
        const html = this.texts.text(s, row, 'label');
        if (html !== undefined) el['html'] = html;
        const visibleIf = this.expression(row, 'relevant', ctx, 'la note sera toujours affichée');
        if (visibleIf !== undefined) el['visibleIf'] = visibleIf;
        this.merge(row, el);
        return el;
      }
      case 'select_one':
      case 'select_multiple':
      case 'rank': {
        const multiple = p.type === 'select_multiple';
        el['type'] =
          p.type === 'rank'
            ? 'ranking'
            : multiple
              ? has('minimal')
                ? 'tagbox'
                : 'checkbox'
              : has('minimal') || has('autocomplete') || has('search')
                ? 'dropdown'
                : 'radiogroup';
        el['choices'] = this.choicesFor(p, ctx);
        if (p.orOther) el['showOtherItem'] = true;
        if (this.parameters(row).get('randomize') === 'true') el['choicesOrder'] = 'random';
        valueKind = multiple || p.type === 'rank' ? 'multiple' : 'other';
        break;
      }
      case 'range': {
        const params = this.parameters(row);
        const start = parseNumber(params.get('start') ?? '1') ?? 1;
        const end = parseNumber(params.get('end') ?? '10') ?? 10;
        const step = parseNumber(params.get('step') ?? '1') ?? 1;
        const count = step > 0 ? Math.floor((end - start) / step) + 1 : 0;
        if (count < 1 || count > 1000) {
          this.warnings.push(
            row.issue('paramètres de « range » incohérents : question ignorée', s.column('parameters')),
          );
          return null;
        }
        if (count <= 11) Object.assign(el, { type: 'rating', rateMin: start, rateMax: end, rateStep: step });
        else Object.assign(el, { type: 'slider', min: start, max: end, step });
        valueKind = 'number';
        break;
      }
      case 'acknowledge':
        Object.assign(el, { type: 'boolean', renderAs: 'checkbox', valueTrue: 'OK' });
        valueKind = 'other';
        break;
      case 'calculate':
      case 'hidden':
        if (this.questions.get(p.name)?.repeat) {
          this.warnings.push(
            row.issue(
              `« ${p.type} » dans une répétition non pris en charge (une valeur par répétition) : « ${p.name} » est ignoré`,
              typeCol,
            ),
          );
          return null;
        }
        if (p.type === 'hidden') return this.hidden(row, p.name);
        return this.calculate(row, p.name, ctx);
      case 'barcode':
        el['type'] = 'text';
        this.warnings.push(
          row.issue(`type « barcode » sans équivalent : « ${p.name} » devient une question texte`, typeCol),
        );
        break;
      case 'from_file':
        this.warnings.push(
          row.issue(
            `choix lus dans un fichier externe (« ${row.text(typeCol)} ») non pris en charge : ${p.name ? `« ${p.name} » est ignorée` : 'ligne ignorée'}`,
            typeCol,
          ),
        );
        return null;
      default: {
        if (METADATA.has(p.type)) {
          this.warnings.push(row.issue(`métadonnée « ${p.type} » ignorée : SurveyJS ne la collecte pas`, typeCol));
          return null;
        }
        const why = UNSUPPORTED.get(p.type);
        if (why) {
          this.warnings.push(
            row.issue(`type « ${p.type} » non pris en charge (${why}) : « ${p.name} » est ignorée`, typeCol),
          );
          return null;
        }
        this.warnings.push(row.issue(`type inconnu « ${row.text(typeCol)} » : « ${p.name} » est ignorée`, typeCol));
        return null;
      }
    }
    this.common(row, el, ctx);
    this.defaultValue(row, el, valueKind, ctx);
    this.constraint(row, el, valueKind === 'number', ctx);
    this.merge(row, el);
    return el;
  }

  private choicesFor(p: Parsed, ctx: ToSurveyjsContext): Json[] {
    const items = this.lists.get(p.list ?? '') ?? [];
    const filterCol = this.survey.column('choice_filter');
    const filter = p.row.text(filterCol);
    const choiceTable = this.choices;
    let warned = false;
    return items.map((c) => {
      const item: Json = { value: c.value };
      if (c.text !== undefined) item['text'] = c.text;
      if (filter && choiceTable && !warned) {
        try {
          const visibleIf = xlsformToSurveyjs(filter, {
            ...ctx,
            choiceColumn: (name) => {
              if (name === 'name') return c.value;
              const col = choiceTable.column(name);
              if (!col) return undefined;
              const raw = c.row.raw(col);
              return typeof raw === 'number' || typeof raw === 'boolean' ? raw : cellText(raw);
            },
          });
          if (visibleIf !== 'true') item['visibleIf'] = visibleIf;
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          warned = true;
          this.warnings.push(
            p.row.issue(
              `filtre de choix « ${filter} » non traduit (${e.message}) : tous les choix seront proposés`,
              filterCol,
            ),
          );
        }
      }
      if (c.extra) Object.assign(item, c.extra);
      return item;
    });
  }

  private defaultValue(row: Row, el: Json, kind: 'number' | 'text' | 'multiple' | 'other', ctx: ToSurveyjsContext) {
    const col = this.survey.column('default');
    const text = row.text(col);
    if (!text) return;
    if (/\$\{|\(/.test(text)) {
      const expr = this.expression(row, 'default', ctx, 'pas de valeur par défaut', text);
      if (expr !== undefined) el['defaultValueExpression'] = expr;
      return;
    }
    if (kind === 'number') {
      const n = parseNumber(text);
      if (n === undefined)
        this.warnings.push(row.issue(`valeur par défaut « ${text} » qui n’est pas un nombre : ignorée`, col));
      else el['defaultValue'] = n;
    } else if (kind === 'multiple') el['defaultValue'] = text.split(/\s+/);
    else {
      // A choice's or a SurveyJS question's default keeps the cell's type (choice values do too).
      const raw = row.raw(col);
      el['defaultValue'] = kind === 'other' && (typeof raw === 'number' || typeof raw === 'boolean') ? raw : text;
    }
  }

  private constraint(row: Row, el: Json, numeric: boolean, ctx: ToSurveyjsContext) {
    const s = this.survey;
    const col = s.column('constraint');
    const text = row.text(col);
    if (!text) return;
    const message = this.texts.text(s, row, 'constraint_message');
    const regex = /^regex\(\s*\.\s*,\s*(['"])(.*)\1\s*\)$/.exec(text);
    if (regex) {
      el['validators'] = [{ type: 'regex', regex: regex[2], ...(message === undefined ? {} : { text: message }) }];
      return;
    }
    const lengths = textLengths(text);
    if (lengths) {
      el['validators'] = [{ type: 'text', ...lengths, ...(message === undefined ? {} : { text: message }) }];
      return;
    }
    let tree: Expr;
    try {
      tree = xlsformToSurveyjsTree(text, ctx);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      this.warnings.push(
        row.issue(`contrainte « ${text} » non traduite (${e.message}) : elle ne sera pas vérifiée`, col),
      );
      return;
    }
    const bounds = numeric ? boundsOf(tree, selfRef(ctx)) : undefined;
    if (bounds) {
      if (bounds.min !== undefined) el['min'] = bounds.min;
      if (bounds.max !== undefined) el['max'] = bounds.max;
      if (message !== undefined) {
        if (bounds.min !== undefined) el['minErrorText'] = message;
        if (bounds.max !== undefined) el['maxErrorText'] = message;
      }
      return;
    }
    const self = writeSurveyjsExpression({ k: 'var', name: selfRef(ctx) });
    const expression = `${self} empty or (${writeSurveyjsExpression(tree)})`;
    el['validators'] = [{ type: 'expression', expression, ...(message === undefined ? {} : { text: message }) }];
  }
}

/**
 * The SurveyJS questionnaire of an XLSForm's sheets. Errors (no survey sheet, a select without its list,
 * duplicate names, unbalanced groups) refuse the form; what cannot be translated gives warnings.
 */
export function xlsformToQuestionnaire(sheets: readonly SheetData[]): Result<XlsformQuestionnaire> {
  const survey = findSheet(sheets, 'survey');
  if (!survey)
    return {
      ok: false,
      errors: [
        issue('survey', 'feuille « survey » absente : ce classeur n’est ni un XLSForm ni un classeur de conception'),
      ],
    };
  return new XlsformReader(sheets, survey).read();
}
