/**
 * What the XLSForm reader (xlsform.ts) keeps while it reads: the sheets, the issues found, the questions
 * seen and their kinds, and the helpers every part uses (a cell's JSON, an expression translated or
 * warned about, the translation context of a question).
 */
import { isForbiddenName } from '../keys.js';
import { ExpressionError, xlsformToSurveyjs, type QuestionKind, type ToSurveyjsContext } from './expression.js';
import { FormTexts, type Text } from './xlsform-texts.js';
import { findSheet, Table, type Column, type DesignIssue, type Row, type SheetData } from './sheet.js';

export type Json = Record<string, unknown>;

/** A survey row as the first pass read it. */
export interface Parsed {
  row: Row;
  type: string;
  /** For selects and rank: the list name. */
  list?: string;
  orOther?: boolean;
  name: string;
}

/** A choice of the `choices` sheet. */
export interface Choice {
  value: string | number | boolean;
  text?: Text;
  row: Row;
  extra: Json | undefined;
}

export abstract class FormState {
  protected readonly errors: DesignIssue[] = [];
  protected readonly warnings: DesignIssue[] = [];
  protected readonly origins = new WeakMap<object, number>();
  protected readonly survey: Table;
  protected readonly choices?: Table;
  protected readonly settings?: Table;
  protected readonly lists = new Map<string, Choice[]>();
  /** Question name → its kind and innermost repeat. */
  protected readonly questions = new Map<string, { kind: QuestionKind; repeat?: string; row: number }>();
  protected readonly calculated: Json[] = [];
  /** Names of the rows left out (unsupported types), by row: a condition on one is dropped too. */
  protected readonly dropped = new Map<string, number>();
  /** The `surveyjs` column of Trame's design workbook (SurveyJS properties as JSON). */
  protected surveyjsColumn?: Column;
  protected texts!: FormTexts;

  constructor(sheets: readonly SheetData[], surveySheet: SheetData) {
    this.survey = new Table(surveySheet);
    const choices = findSheet(sheets, 'choices');
    if (choices) this.choices = new Table(choices);
    const settings = findSheet(sheets, 'settings');
    if (settings) this.settings = new Table(settings);
  }

  protected json(row: Row, col: Column): Json {
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

  protected context(self: string, repeat: string | undefined): ToSurveyjsContext {
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
  protected expression(
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

  /** The row's `surveyjs` JSON, merged last. */
  /**
   * The row's `surveyjs` JSON, merged last. A `null` there removes a property the columns gave (the writer
   * marks so what SurveyJS left to its default, e.g. a rating's `rateStep`).
   */
  protected merge(row: Row, element: Json) {
    const col = this.surveyjsColumn;
    if (!col || !row.text(col)) return;
    for (const [k, v] of Object.entries(this.json(row, col))) {
      if (v === null) delete element[k];
      else element[k] = v;
    }
  }

  protected parameters(row: Row): Map<string, string> {
    const out = new Map<string, string>();
    for (const part of row.text(this.survey.column('parameters')).split(/[\s;,]+/)) {
      const eq = part.indexOf('=');
      if (eq > 0) out.set(part.slice(0, eq).toLowerCase(), part.slice(eq + 1));
    }
    return out;
  }
}
