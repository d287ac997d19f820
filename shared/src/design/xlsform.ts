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
import type { Result } from '../types.js';
import type { QuestionKind } from './expression.js';
import { BEGIN, END, METADATA, NAME, normaliseType, UNSUPPORTED, XLSFORM_TYPES } from './xlsform-rules.js';
import { FormTexts } from './xlsform-texts.js';
import { findSheet, issue, type Column, type DesignIssue, type Row, type SheetData } from './sheet.js';
import { QuestionReader } from './xlsform-questions.js';
import type { Json, Parsed } from './xlsform-state.js';

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

type Container =
  | { kind: 'root'; elements: Json[] }
  | { kind: 'group' | 'repeat'; elements: Json[]; element: Json; row: Row; name: string; page: boolean };

class XlsformReader extends QuestionReader {
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
