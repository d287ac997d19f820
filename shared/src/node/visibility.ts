/**
 * Hidden answers of an imported file, cleared as SurveyJS clears them when a respondent completes the
 * questionnaire (spec §3): with survey-core's own model, so that page, panel and question conditions,
 * calculated values, choices and rows hidden by a condition, and the "other" comment of a choice not
 * selected behave exactly as in the respondent's page. This is the one place visibility is applied to
 * imported answers; the engine counts what is stored (spec §2 rule 4).
 *
 * Node only (kept out of the package's main entry): the browser never imports files.
 */
import { Model } from 'survey-core';
import type { Bundle } from '../bundle/schema.js';
import { isForbiddenName, nullObject } from '../keys.js';
import { walkQuestionnaire } from '../questionnaire/walk.js';
import type { ResponseRecord } from '../types.js';

type Json = Record<string, unknown>;

/** Survey properties that reach the network, the browser or the survey service: not for an import. */
const OUTSIDE_WORLD = ['surveyId', 'surveyPostId', 'cookieName', 'navigateToUrl', 'navigateToUrlOnCondition'];

/** Distinct answer patterns remembered per import (see Completer): bounds the memory a hostile file costs. */
const MAX_REMEMBERED = 50_000;

/**
 * Clears, in place, the answers SurveyJS would have cleared on completion, in every complete record (a
 * partial response was never completed: nothing is cleared). Returns the records.
 */
export function applyVisibility(bundle: Bundle, records: ResponseRecord[]): ResponseRecord[] {
  const completer = new Completer(bundle.questionnaire);
  if (!completer.mayClear) return records;
  for (const r of records) if (r.status === 'complete') r.data = completer.complete(r.data);
  return records;
}

/**
 * survey-core's completion of one response: the data set on the model, then `doComplete()`, which clears
 * the values of invisible questions, decided on the answers as they are at that moment, in one pass
 * (`clearInvisibleValues`, default "onComplete"; "none" clears nothing). Only clearing is taken from the
 * model: a value it changes (a choice hidden by `choicesVisibleIf`, an expression it computes again) is
 * kept as the model has it, a value it adds (a matrix's totals) is not an answer of the file.
 *
 * survey-core takes a few milliseconds per response; a file of a million rows has few distinct patterns
 * of the answers that conditions read. So each pattern is completed once: a record's pattern is the values
 * of the keys any expression of the questionnaire names (and of choice questions with an "other" item,
 * whose comment depends on them), plus which other keys are present. Two records of one pattern see the
 * same questions hidden, so the same keys are cleared. A key the model changes rather than clears whose
 * value is not part of the pattern makes the pattern one that is completed afresh for each record.
 */
export class Completer {
  /** False when nothing can be hidden: no condition, no hidden element, no "other" item, or "none". */
  readonly mayClear: boolean;
  private readonly model: Model | null;
  private readonly readKeys: Set<string>;
  private readonly remembered = new Map<string, { cleared: string[]; changed: Map<string, unknown> } | null>();

  constructor(questionnaire: unknown) {
    const survey = (questionnaire && typeof questionnaire === 'object' ? questionnaire : {}) as Json;
    const scan = scanQuestionnaire(survey);
    this.readKeys = scan.readKeys;
    this.mayClear = survey['clearInvisibleValues'] !== 'none' && scan.mayHide;
    if (!this.mayClear) {
      this.model = null;
      return;
    }
    const json: Json = { ...survey };
    for (const k of OUTSIDE_WORLD) delete json[k];
    let model: Model | null;
    try {
      model = new Model(json);
    } catch {
      // survey-core cannot load a questionnaire with a question named `constructor` (its question hashes
      // are plain objects); validation refuses such names, but a bundle stored before it may have one. The
      // respondent's page could not have shown it either: its answers are taken as they are.
      model = null;
    }
    this.model = model;
    if (!model) {
      this.mayClear = false;
      return;
    }
    // Completion must not leave the process: no redirection, no post to the survey service.
    model.onNavigateToUrl.add((_, options) => {
      options.allow = false;
    });
  }

  /** The data of one complete response as survey-core would have stored it on completion. */
  complete(data: Record<string, unknown>): Record<string, unknown> {
    if (!this.model) return data;
    const keys = Object.keys(data);
    // survey-core keeps values in plain objects: `__proto__` there would replace a prototype.
    if (keys.some(isForbiddenName)) return data;
    const pattern = this.pattern(data, keys);
    const known = pattern === null ? undefined : this.remembered.get(pattern);
    if (known) {
      if (known.cleared.length === 0 && known.changed.size === 0) return data;
      const out = Object.assign(nullObject(), data);
      for (const k of known.cleared) delete out[k];
      for (const [k, v] of known.changed) out[k] = structuredClone(v);
      return out;
    }
    const completed = this.run(data);
    const cleared: string[] = [];
    const changed = new Map<string, unknown>();
    let cacheable = pattern !== null && known === undefined;
    const out = nullObject<unknown>(); // keyed by the file's keys (see keys.ts)
    for (const k of keys) {
      const before = data[k];
      const after = Object.hasOwn(completed, k) ? completed[k] : undefined;
      if (after === undefined || after === null) {
        if (before === undefined || before === null) out[k] = before;
        else cleared.push(k);
        continue;
      }
      if (before !== after && JSON.stringify(before) !== JSON.stringify(after)) {
        changed.set(k, after);
        if (!this.readKeys.has(k)) cacheable = false;
        out[k] = after;
      } else out[k] = before;
    }
    if (pattern !== null && this.remembered.size < MAX_REMEMBERED)
      this.remembered.set(pattern, cacheable ? { cleared, changed } : null);
    return cleared.length === 0 && changed.size === 0 ? data : out;
  }

  private run(data: Record<string, unknown>): Record<string, unknown> {
    const model = this.model!;
    model.clear(true, true);
    model.data = data;
    model.doComplete();
    return model.data as Record<string, unknown>;
  }

  /**
   * The keys in their order, with the values conditions read; null if it cannot be written. (Records of one
   * file list their keys in one order: not sorting them costs, at worst, a pattern completed twice.)
   */
  private pattern(data: Record<string, unknown>, keys: string[]): string | null {
    let values = '';
    try {
      for (const k of keys) {
        if (!this.readKeys.has(k)) continue;
        const v = data[k];
        values +=
          typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? `${v}` : JSON.stringify(v ?? null);
        values += ',';
      }
    } catch {
      return null;
    }
    // The values follow the keys' order: the list of keys says which value is whose.
    return `${JSON.stringify(keys)}${values}`;
  }
}

/**
 * What a questionnaire's JSON says about visibility, read once: whether anything can be hidden or cleared
 * on completion, and the data keys that decide it (every `{name}` an expression or text names, with
 * survey-core's `-unwrapped`, `-Comment`, `-total` and `$` forms reduced to the key, the sources of
 * `choicesFromQuestion`-like properties, and choice questions with an "other" item).
 */
function scanQuestionnaire(survey: Json): { mayHide: boolean; readKeys: Set<string> } {
  const readKeys = new Set<string>();
  let mayHide = false;
  const addName = (raw: string) => {
    const token = raw.trim().replace(/^\$/, '');
    if (!token) return;
    readKeys.add(token);
    // `{a.b.c}`: the key is `a`, or `a.b` when a question's name has a dot; `{q[0]}` reads `q`.
    const bracket = token.indexOf('[');
    const head = bracket === -1 ? token : token.slice(0, bracket);
    const parts = head.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      readKeys.add(name);
      for (const suffix of ['-unwrapped', '-Comment', '-total'])
        if (name.endsWith(suffix)) readKeys.add(name.slice(0, -suffix.length));
    }
  };
  const visit = (value: unknown, key: string, depth: number) => {
    if (depth > 64) return;
    if (typeof value === 'string') {
      for (const m of value.matchAll(/\{([^{}]+)\}/g)) addName(m[1]!);
      if (/FromQuestion$/.test(key)) addName(value);
      if (/visibleIf$/i.test(key) && value.trim()) mayHide = true;
      return;
    }
    if (key === 'visible' && value === false) mayHide = true;
    // Inside matrices and dynamic panels too: the comment of an "other" not selected is cleared.
    if ((key === 'showOtherItem' || key === 'hasOther') && value === true) mayHide = true;
    if (/^hideIf/.test(key) && value === true) mayHide = true;
    if (key === 'triggers' && Array.isArray(value) && value.length > 0) mayHide = true;
    if (Array.isArray(value)) for (const v of value) visit(v, key, depth + 1);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value as Json)) visit(v, k, depth + 1);
  };
  visit(survey, '', 0);
  // The comment of an "other" item is cleared when "other" is not selected: it depends on the answer.
  for (const node of walkQuestionnaire(survey)) {
    if (node.kind !== 'element') continue;
    const e = node.element;
    if (e['showOtherItem'] === true || e['hasOther'] === true) {
      const name = typeof e['valueName'] === 'string' && e['valueName'] ? e['valueName'] : e['name'];
      if (typeof name === 'string') readKeys.add(name);
    }
  }
  return { mayHide, readKeys };
}
