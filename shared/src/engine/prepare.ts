import type { Bundle } from '../bundle/schema.js';
import { buildCatalog, type QuestionInfo, type QuestionnaireCatalog, resolveRef, type QuestionRef } from '../questionnaire/catalog.js';
import type { ResponseRecord } from '../types.js';
import { ConditionCache } from './conditions.js';
import { isPresent, keySet, valuesOf, valueKey } from './values.js';

/**
 * The respondents as the engine sees them: complete responses only (rule 1), each with its answers as
 * SurveyJS stores them on completion (values of questions hidden by `visibleIf` removed, rule 4), and its
 * segment groups.
 */
export interface Respondent {
  data: Record<string, unknown>;
  /** groups[segmentIndex] = indexes of the groups of that segment the respondent belongs to. */
  groups: number[][];
}

export interface Prepared {
  bundle: Bundle;
  catalog: QuestionnaireCatalog;
  conditions: ConditionCache;
  respondents: Respondent[];
}

const NO_GROUPS: number[] = [];

/** Reads one answer: the question's value, or the part of it a `matrix.row` reference names. */
export function answerGetter(ref: QuestionRef | null, name: string): (data: Record<string, unknown>) => unknown {
  if (!ref) return (data) => data[name];
  const key = ref.question.name;
  const path = ref.path;
  if (path.length === 0) return (data) => data[key];
  return (data) => {
    let v: unknown = data[key];
    for (const p of path) {
      if (!v || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[p];
    }
    return v;
  };
}

export function getterFor(catalog: QuestionnaireCatalog, name: string) {
  return answerGetter(resolveRef(catalog, name), name);
}

function visibilityCleaner(catalog: QuestionnaireCatalog, conditions: ConditionCache) {
  if (catalog.clearInvisibleValues === 'none') return (data: Record<string, unknown>) => data;
  const conditional: { q: QuestionInfo; conds: ReturnType<ConditionCache['get']>[] }[] = catalog.questions
    .filter((q) => q.visibleIf.length > 0)
    .map((q) => ({ q, conds: q.visibleIf.map((e) => conditions.get(e)) }));
  if (conditional.length === 0) return (data: Record<string, unknown>) => data;
  return (data: Record<string, unknown>) => {
    let current = data;
    // Clearing one answer can hide another question (its condition read the cleared one): repeat until
    // nothing changes, as SurveyJS re-runs conditions after each value change.
    for (let pass = 0; pass < 10; pass++) {
      let changed = false;
      for (const { q, conds } of conditional) {
        const comment = `${q.name}-Comment`;
        if (!isPresent(current[q.name]) && current[comment] === undefined) continue;
        let visible = true;
        for (const c of conds) {
          if (!c.run(current)) {
            visible = false;
            break;
          }
        }
        if (visible) continue;
        if (current === data) current = { ...data };
        delete current[q.name];
        delete current[comment];
        changed = true;
      }
      if (!changed) break;
    }
    return current;
  };
}

export function prepare(bundle: Bundle, responses: Iterable<ResponseRecord>): Prepared {
  const catalog = buildCatalog(bundle.questionnaire, bundle.locale ?? 'fr');
  const conditions = new ConditionCache();
  const clean = visibilityCleaner(catalog, conditions);
  const segments = bundle.segments.map((s) => ({
    get: getterFor(catalog, s.question),
    groups: s.groups.map((g) => keySet(g.values)),
  }));
  const respondents: Respondent[] = [];
  for (const item of responses) {
    if (item.status !== 'complete') continue;
    const data = clean(item.data ?? {});
    const groups = segments.map((seg) => {
      const answer = seg.get(data);
      if (!isPresent(answer)) return NO_GROUPS;
      const keys = valuesOf(answer).map(valueKey);
      const hit: number[] = [];
      seg.groups.forEach((g, gi) => {
        if (keys.some((k) => g.has(k))) hit.push(gi);
      });
      return hit.length ? hit : NO_GROUPS;
    });
    respondents.push({ data, groups });
  }
  return { bundle, catalog, conditions, respondents };
}
