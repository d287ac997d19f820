import { ConditionRunner } from 'survey-core';
import { z } from 'zod';
import { expressionError } from '../engine/conditions.js';
import { keySet, valueKey } from '../engine/values.js';
import { isForbiddenName } from '../keys.js';
import {
  MAX_DEPTH,
  buildCatalog,
  isKnownVariable,
  refChoices,
  refIsNumeric,
  resolveRef,
  variableQuestion,
  type QuestionnaireCatalog,
  type QuestionRef,
} from '../questionnaire/catalog.js';
import { walkQuestionnaire } from '../questionnaire/walk.js';
import type { Result, ValidationIssue } from '../types.js';
import { bundleSchema, type Bundle, type Indicator } from './schema.js';

export interface CoverageItem {
  path: string;
  code: string;
  title?: string;
}

/** What the working group should look at: not errors, but gaps between framework and questionnaire. */
export interface CoverageReport {
  criteriaWithoutIndicators: CoverageItem[];
  /** Indicators fed by no question of the questionnaire (internal figures, ratios of internal figures). */
  indicatorsWithoutQuestion: CoverageItem[];
  /** Questions that feed no indicator, no segment and no condition. */
  questionsWithoutIndicator: { name: string; title: string; freeText: boolean }[];
  warnings: ValidationIssue[];
}

export interface ValidBundle {
  bundle: Bundle;
  coverage: CoverageReport;
}

/** `["framework", "dimensions", 1, "criteria", 0]` → `framework.dimensions[1].criteria[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(document)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (!v || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

const frenchErrors = z.locales.fr().localeError;

/**
 * Reads a `trame-bundle/1` document: structure (zod) then meaning (codes, references, expressions). An
 * invalid document gives every error found, each naming its path; a valid one comes with its coverage report.
 */
export function parseBundle(input: unknown): Result<ValidBundle> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '(document)', message: 'un objet JSON « trame-bundle/1 » est attendu' }] };
  }
  const parsed = bundleSchema.safeParse(input, { error: frenchErrors });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => {
      const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
      return { path: formatPath(issue.path), message: missing ? 'champ obligatoire manquant' : issue.message };
    });
    return { ok: false, errors: dedupe(errors) };
  }
  const bundle = parsed.data;
  const checker = new SemanticChecker(bundle);
  const errors = checker.check();
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { bundle, coverage: checker.coverage() } };
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const show = (v: unknown) => (typeof v === 'string' ? `« ${v} »` : String(v));

class SemanticChecker {
  private readonly errors: ValidationIssue[] = [];
  private readonly warnings: ValidationIssue[] = [];
  private readonly catalog: QuestionnaireCatalog;
  private readonly usedQuestions = new Set<string>();
  private readonly indicatorPaths = new Map<string, string>();

  constructor(private readonly bundle: Bundle) {
    this.catalog = buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
  }

  check(): ValidationIssue[] {
    const b = this.bundle;
    if (this.catalog.questions.length === 0) {
      this.error('questionnaire', 'le questionnaire ne contient aucune question');
    }
    this.checkQuestionnaireExpressions();
    this.unique(
      b.segments.map((s, i) => [s.code, `segments[${i}].code`]),
      'segment',
    );
    this.unique(
      b.internalData.map((d, i) => [d.code, `internalData[${i}].code`]),
      'donnée interne',
    );
    this.unique(
      b.framework.dimensions.map((d, i) => [d.code, `framework.dimensions[${i}].code`]),
      'dimension',
    );
    const criteria: [string, string][] = [];
    const indicators: [string, string][] = [];
    b.framework.dimensions.forEach((d, di) =>
      d.criteria.forEach((c, ci) => {
        const cp = `framework.dimensions[${di}].criteria[${ci}]`;
        criteria.push([c.code, `${cp}.code`]);
        c.indicators.forEach((ind, ii) => {
          indicators.push([ind.code, `${cp}.indicators[${ii}].code`]);
          if (!this.indicatorPaths.has(ind.code)) this.indicatorPaths.set(ind.code, `${cp}.indicators[${ii}]`);
        });
      }),
    );
    this.unique(criteria, 'critère');
    this.unique(indicators, 'indicateur');

    b.segments.forEach((s, si) => {
      const path = `segments[${si}]`;
      this.unique(
        s.groups.map((g, gi) => [g.code, `${path}.groups[${gi}].code`]),
        'groupe',
      );
      const ref = this.question(s.question, `${path}.question`);
      if (!ref) return;
      const choices = closedChoices(ref);
      s.groups.forEach((g, gi) =>
        this.valuesAmongChoices(g.values, choices, ref.question.specialValues, `${path}.groups[${gi}].values`, true),
      );
    });

    b.framework.dimensions.forEach((d, di) =>
      d.criteria.forEach((c, ci) =>
        c.indicators.forEach((ind, ii) =>
          this.checkIndicator(ind, `framework.dimensions[${di}].criteria[${ci}].indicators[${ii}]`),
        ),
      ),
    );
    this.checkRatioCycles();
    return dedupe(this.errors);
  }

  coverage(): CoverageReport {
    const b = this.bundle;
    const criteriaWithoutIndicators: CoverageItem[] = [];
    const indicatorsWithoutQuestion: CoverageItem[] = [];
    b.framework.dimensions.forEach((d, di) =>
      d.criteria.forEach((c, ci) => {
        const path = `framework.dimensions[${di}].criteria[${ci}]`;
        if (c.indicators.length === 0) criteriaWithoutIndicators.push({ path, code: c.code, title: c.title });
        c.indicators.forEach((ind, ii) => {
          if (!this.feedsFromSurvey(ind, new Set())) {
            indicatorsWithoutQuestion.push({ path: `${path}.indicators[${ii}]`, code: ind.code, title: ind.title });
          }
        });
      }),
    );
    const questionsWithoutIndicator = this.catalog.questions
      .filter((q) => !this.usedQuestions.has(q.name))
      .map((q) => ({ name: q.name, title: q.title, freeText: q.shape === 'text' }));
    return { criteriaWithoutIndicators, indicatorsWithoutQuestion, questionsWithoutIndicator, warnings: this.warnings };
  }

  private feedsFromSurvey(ind: Indicator, seen: Set<string>): boolean {
    if (ind.kind === 'internal') return false;
    if (ind.kind !== 'ratio') return true;
    if (seen.has(ind.code)) return false;
    seen.add(ind.code);
    return [ind.numerator, ind.denominator].some((op) => {
      if (op.startsWith('respondents')) return true;
      if (!op.startsWith('indicator:')) return false;
      const target = this.findIndicator(op.slice(10));
      return target ? this.feedsFromSurvey(target, seen) : false;
    });
  }

  private findIndicator(code: string): Indicator | undefined {
    for (const d of this.bundle.framework.dimensions)
      for (const c of d.criteria) for (const i of c.indicators) if (i.code === code) return i;
    return undefined;
  }

  private error(path: string, message: string) {
    this.errors.push({ path, message });
  }

  /** Codes are keys of the results document (segments, groups) and of maps: unique, and no prototype's name. */
  private unique(entries: [string, string][], what: string) {
    const seen = new Map<string, string>();
    for (const [code, path] of entries) {
      if (isForbiddenName(code)) {
        this.error(path, `code de ${what} interdit « ${code} »`);
        continue;
      }
      const first = seen.get(code);
      if (first) this.error(path, `code de ${what} en double « ${code} » (déjà utilisé en ${first})`);
      else seen.set(code, path);
    }
  }

  private question(name: string, path: string) {
    const ref = resolveRef(this.catalog, name);
    if (!ref) {
      this.error(path, `question inconnue « ${name} »`);
      return null;
    }
    this.usedQuestions.add(ref.question.name);
    return ref;
  }

  private valuesAmongChoices(
    values: readonly unknown[],
    choices: { value: unknown }[] | undefined,
    special: readonly unknown[],
    path: string,
    asWarning = false,
  ) {
    if (!choices || choices.length === 0) return;
    const known = keySet([...choices.map((c) => c.value), ...special]);
    values.forEach((v, i) => {
      if (known.has(valueKey(v))) return;
      const issue = { path: `${path}[${i}]`, message: `valeur ${show(v)} absente des choix de la question` };
      (asWarning ? this.warnings : this.errors).push(issue);
    });
  }

  /** @param stored whether the expression runs on stored answers (an indicator's), not in the page. */
  private expression(expr: string, path: string, stored = true) {
    const err = expressionError(expr);
    if (err) {
      this.error(path, err);
      return;
    }
    for (const v of variablesOf(expr)) {
      // `{$q.containsErrors}`: a property of the question in the respondent's page, not in the stored answers.
      if (stored && v.startsWith('$')) {
        this.error(
          path,
          `« ${v} » est une propriété de la question dans le questionnaire, absente des réponses enregistrées`,
        );
        continue;
      }
      const q = variableQuestion(this.catalog, v);
      if (q) {
        this.usedQuestions.add(q.name);
        continue;
      }
      if (isKnownVariable(this.catalog, v)) continue;
      this.error(path, `question inconnue « ${v} » dans l’expression`);
    }
  }

  private checkIndicator(ind: Indicator, path: string) {
    const b = this.bundle;
    if (ind.population) {
      const seg = b.segments.find((s) => s.code === ind.population!.segment);
      if (!seg) this.error(`${path}.population.segment`, `segment inconnu « ${ind.population.segment} »`);
      else if (!seg.groups.some((g) => g.code === ind.population!.group)) {
        this.error(
          `${path}.population.group`,
          `groupe inconnu « ${ind.population.group} » dans le segment « ${seg.code} »`,
        );
      }
    }
    (ind.breakdown ?? []).forEach((s, i) => {
      if (!b.segments.some((seg) => seg.code === s)) this.error(`${path}.breakdown[${i}]`, `segment inconnu « ${s} »`);
    });
    if (ind.where) this.expression(ind.where, `${path}.where`);

    switch (ind.kind) {
      case 'percent':
      case 'count': {
        if (ind.positiveIf && ind.positive) {
          this.error(`${path}.positiveIf`, '« positive » et « positiveIf » ne peuvent pas être donnés ensemble');
        }
        if (!ind.question && !ind.positiveIf) {
          this.error(`${path}.question`, '« question » (avec « positive ») ou « positiveIf » est attendu');
        }
        if (ind.kind === 'percent' && ind.question && !ind.positive && !ind.positiveIf) {
          this.error(`${path}.positive`, 'liste des valeurs positives attendue (ou « positiveIf »)');
        }
        if (ind.positiveIf) this.expression(ind.positiveIf, `${path}.positiveIf`);
        if (ind.question) {
          const ref = this.question(ind.question, `${path}.question`);
          if (ref && ind.positive) {
            this.valuesAmongChoices(ind.positive, closedChoices(ref), ref.question.specialValues, `${path}.positive`);
          }
          if (ref && ind.exclude) {
            this.valuesAmongChoices(
              ind.exclude,
              closedChoices(ref),
              ref.question.specialValues,
              `${path}.exclude`,
              true,
            );
          }
        }
        break;
      }
      case 'sum':
      case 'mean':
      case 'median': {
        const ref = this.question(ind.question, `${path}.question`);
        if (ref && !refIsNumeric(ref) && ref.question.type !== 'text') {
          // Only a warning: a dropdown of numbers or a text field can hold numbers all the same.
          this.warnings.push({
            path: `${path}.question`,
            message: `la question « ${ind.question} » n’attend pas un nombre`,
          });
        }
        break;
      }
      case 'distribution': {
        const ref = this.question(ind.question, `${path}.question`);
        if (ref && ind.choices) {
          this.valuesAmongChoices(ind.choices, closedChoices(ref), ref.question.specialValues, `${path}.choices`);
        }
        break;
      }
      case 'internal':
        if (!b.internalData.some((d) => d.code === ind.internal)) {
          this.error(`${path}.internal`, `donnée interne inconnue « ${ind.internal} »`);
        }
        break;
      case 'ratio':
        this.operand(ind.numerator, `${path}.numerator`, ind.code);
        this.operand(ind.denominator, `${path}.denominator`, ind.code);
        break;
    }
  }

  private operand(op: string, path: string, self: string) {
    const b = this.bundle;
    if (op.startsWith('internal:')) {
      const code = op.slice(9);
      if (!b.internalData.some((d) => d.code === code)) this.error(path, `donnée interne inconnue « ${code} »`);
    } else if (op.startsWith('indicator:')) {
      const code = op.slice(10);
      const target = this.findIndicator(code);
      if (!target) this.error(path, `indicateur inconnu « ${code} »`);
      else if (code === self) this.error(path, `le ratio « ${self} » se cite lui-même`);
      else if (target.kind === 'distribution')
        this.error(path, `l’indicateur « ${code} » (distribution) n’a pas de valeur unique`);
    } else if (op.startsWith('respondents:')) {
      const [segCode = '', groupCode = ''] = op.slice(12).split('=');
      const seg = b.segments.find((s) => s.code === segCode);
      if (!seg) this.error(path, `segment inconnu « ${segCode} »`);
      else if (!seg.groups.some((g) => g.code === groupCode)) {
        this.error(path, `groupe inconnu « ${groupCode} » dans le segment « ${segCode} »`);
      }
    }
  }

  /** Ratios that reach themselves through `indicator:` operands can never be computed. */
  private checkRatioCycles() {
    const edges = new Map<string, string[]>();
    for (const d of this.bundle.framework.dimensions)
      for (const c of d.criteria)
        for (const i of c.indicators)
          if (i.kind === 'ratio') {
            edges.set(
              i.code,
              [i.numerator, i.denominator].filter((o) => o.startsWith('indicator:')).map((o) => o.slice(10)),
            );
          }
    const state = new Map<string, 1 | 2>();
    const reported = new Set<string>();
    const visit = (code: string, stack: string[]) => {
      if (state.get(code) === 2) return;
      if (state.get(code) === 1) {
        const cycle = [...stack.slice(stack.indexOf(code)), code];
        if (!reported.has(code)) {
          cycle.forEach((c) => reported.add(c));
          this.error(
            this.indicatorPaths.get(code) ?? code,
            `références circulaires entre ratios : ${cycle.join(' → ')}`,
          );
        }
        return;
      }
      state.set(code, 1);
      for (const next of edges.get(code) ?? []) if (next !== code) visit(next, [...stack, code]);
      state.set(code, 2);
    };
    for (const code of edges.keys()) visit(code, []);
  }

  private checkQuestionnaireExpressions() {
    const q = this.bundle.questionnaire as Record<string, unknown>;
    const seenNames = new Map<string, string>();
    for (const node of walkQuestionnaire(q)) {
      if (node.kind === 'tooDeep') {
        this.error(node.path, `panneaux imbriqués sur plus de ${MAX_DEPTH} niveaux`);
        continue;
      }
      if (node.kind === 'page') {
        const page = node.page;
        if (typeof page['visibleIf'] === 'string' && page['visibleIf'].trim())
          this.expression(page['visibleIf'], `${node.path}.visibleIf`, false);
        continue;
      }
      const e = node.element;
      const p = node.path;
      const name = e['name'];
      if (typeof name === 'string' && isForbiddenName(name))
        this.error(`${p}.name`, `nom de question interdit « ${name} »`);
      if (typeof e['valueName'] === 'string' && isForbiddenName(e['valueName']))
        this.error(`${p}.valueName`, `valueName interdit « ${e['valueName']} »`);
      this.forbiddenKeys(e, p);
      if (typeof name === 'string' && e['type'] !== 'panel' && e['type'] !== 'html' && !e['valueName']) {
        const first = seenNames.get(name);
        if (first)
          this.warnings.push({
            path: `${p}.name`,
            message: `question « ${name} » en double (déjà en ${first}) : elles partagent une même réponse`,
          });
        else seenNames.set(name, p);
      }
      if (typeof e['visibleIf'] === 'string' && e['visibleIf'].trim())
        this.expression(e['visibleIf'], `${p}.visibleIf`, false);
    }
    if (Array.isArray(q['calculatedValues']))
      (q['calculatedValues'] as unknown[]).forEach((cv, i) => {
        const name = cv && typeof cv === 'object' ? (cv as Record<string, unknown>)['name'] : undefined;
        if (typeof name === 'string' && isForbiddenName(name))
          this.error(`questionnaire.calculatedValues[${i}].name`, `nom de variable interdit « ${name} »`);
      });
  }

  /**
   * Matrix rows and columns and multiple-text items are keys inside an answer (`{ row: value }`,
   * `{ item: value }`) and in column names (`matrix.row`): no prototype's name there either.
   */
  private forbiddenKeys(e: Record<string, unknown>, path: string) {
    for (const [list, what] of [
      ['rows', 'ligne'],
      ['columns', 'colonne'],
      ['items', 'élément'],
    ] as const) {
      const items = e[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, i) => {
        const at = `${path}.${list}[${i}]`;
        const check = (key: unknown, where: string) => {
          if (typeof key === 'string' && isForbiddenName(key)) this.error(where, `nom de ${what} interdit « ${key} »`);
        };
        if (typeof item === 'string') check(item.split('|')[0], at);
        else if (item && typeof item === 'object') {
          // An item value (`rows`, `columns` of a matrix) or a named item (dropdown matrix column, text item).
          check((item as Record<string, unknown>)['value'], `${at}.value`);
          check((item as Record<string, unknown>)['name'], `${at}.name`);
        }
      });
    }
  }
}

/** The choices a reference's values must be among; none when the question takes free values too. */
function closedChoices(ref: QuestionRef) {
  return ref.path.length === 0 && ref.question.openChoices ? undefined : refChoices(ref);
}

function variablesOf(expression: string): string[] {
  return new ConditionRunner(expression).getVariables();
}
