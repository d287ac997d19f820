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

/** Groups of read values remembered per import (see Completer): bounds the memory a hostile file costs. */
const MAX_GROUPS = 50_000;

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
 * survey-core takes a few milliseconds per response, and a file may have a million. But which questions
 * are hidden depends only on the values the questionnaire's expressions name (the "read" keys: every
 * `{name}`, and the choice questions with an "other" item, whose comment depends on them), so responses
 * are grouped by those values, and for each group what survey-core does to each key is learnt from the
 * responses that bring it: cleared, kept, or (for a read key) changed to a value. A response whose keys are
 * all known is completed from that knowledge; one with a key not seen yet goes through the model, which
 * teaches it. A key the model changes that is not a read key (a matrix whose rows a condition hides: the
 * result depends on the matrix's own value) makes its group one that always goes through the model.
 */
export class Completer {
  /** False when nothing can be hidden: no condition, no hidden element, no "other" item, or "none". */
  readonly mayClear: boolean;
  private readonly model: Model | null;
  private readonly readKeys: Set<string>;
  /** The read keys in a fixed order: a group's values are listed in it. */
  private readonly readList: string[];
  /** Per group of read values: what the model does to each key (null: the group always goes through it). */
  private readonly groups = new Map<string, Knowledge | null>();
  /** One answer seen for each key that is not read: what a run is given besides a response's own. */
  private readonly samples = new Map<string, unknown>();

  constructor(questionnaire: unknown) {
    const survey = (questionnaire && typeof questionnaire === 'object' ? questionnaire : {}) as Json;
    const scan = scanQuestionnaire(survey);
    this.readKeys = scan.readKeys;
    this.readList = [...scan.readKeys].sort();
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
    const group = this.groupOf(data);
    const known = group === null ? null : this.groups.get(group);
    if (known && keys.every((k) => data[k] === undefined || data[k] === null || known.fate.has(k)))
      return apply(data, keys, known);

    // Keys that decide nothing about visibility are filled in from earlier responses, so that one run
    // teaches the fate of every key seen so far in the file, not only this response's.
    const probe = Object.assign(nullObject<unknown>(), data);
    for (const k of keys) {
      const v = data[k];
      if (v !== undefined && v !== null && !this.readKeys.has(k) && !this.samples.has(k)) this.samples.set(k, v);
    }
    let cacheable = group !== null && known !== null;
    if (cacheable) for (const [k, v] of this.samples) if (!Object.hasOwn(probe, k)) probe[k] = v;
    const completed = this.run(probe);
    const learnt: Knowledge = known ?? { fate: new Map() };
    for (const [k, v] of cacheable ? this.samples : []) {
      if (Object.hasOwn(data, k)) continue; // learnt below, with the response's own value
      const after = Object.hasOwn(completed, k) ? completed[k] : undefined;
      if (after === undefined || after === null) learnt.fate.set(k, CLEARED);
      else if (after === v || JSON.stringify(after) === JSON.stringify(v)) learnt.fate.set(k, KEPT);
      else cacheable = false;
    }
    const out = nullObject<unknown>(); // keyed by the file's keys (see keys.ts)
    let touched = false;
    for (const k of keys) {
      const before = data[k];
      const after = Object.hasOwn(completed, k) ? completed[k] : undefined;
      if (before === undefined || before === null) {
        out[k] = before;
        continue; // no answer: nothing to learn about its question
      }
      if (after === undefined || after === null) {
        learnt.fate.set(k, CLEARED);
        touched = true;
        continue;
      }
      if (before !== after && JSON.stringify(before) !== JSON.stringify(after)) {
        if (!this.readKeys.has(k)) cacheable = false;
        else learnt.fate.set(k, { value: after });
        out[k] = after;
        touched = true;
        continue;
      }
      learnt.fate.set(k, KEPT);
      out[k] = before;
    }
    if (group !== null && (this.groups.has(group) || this.groups.size < MAX_GROUPS))
      this.groups.set(group, cacheable ? learnt : null);
    return touched ? out : data;
  }

  private run(data: Record<string, unknown>): Record<string, unknown> {
    const model = this.model!;
    // A fresh start for each response: clear(false, false) after completing is cheaper but keeps the
    // current page, and a page hidden by the previous response then changes what the next one keeps.
    model.clear(true, true);
    model.data = data;
    model.doComplete();
    return model.data as Record<string, unknown>;
  }

  /** The values of the read keys, in a fixed order; null if they cannot be written. */
  private groupOf(data: Record<string, unknown>): string | null {
    let out = '';
    try {
      for (const k of this.readList) {
        const v = Object.hasOwn(data, k) ? data[k] : undefined;
        out += v === undefined ? ',' : typeof v === 'number' ? `${v},` : `${JSON.stringify(v)},`;
      }
    } catch {
      return null;
    }
    return out;
  }
}

/** What survey-core's completion does to a key, given the read values: clears it, keeps it, or sets it. */
type Fate = typeof CLEARED | typeof KEPT | { value: unknown };
const CLEARED = 'cleared';
const KEPT = 'kept';
interface Knowledge {
  fate: Map<string, Fate>;
}

/** A response completed from what its group taught: every key's fate is known. */
function apply(data: Record<string, unknown>, keys: string[], known: Knowledge): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const k of keys) {
    const fate = known.fate.get(k);
    if (fate === undefined || fate === KEPT) continue; // no answer, or kept
    out ??= Object.assign(nullObject<unknown>(), data);
    if (fate === CLEARED) delete out[k];
    else out[k] = structuredClone(fate.value);
  }
  return out ?? data;
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
  for (const node of walkQuestionnaire(survey)) {
    if (node.kind !== 'element') continue;
    const e = node.element;
    const name = typeof e['valueName'] === 'string' && e['valueName'] ? e['valueName'] : e['name'];
    if (typeof name !== 'string') continue;
    // What completion does to these answers depends on the answer itself: the comment of an "other" item
    // is cleared when "other" is not chosen; a choice hidden by `choicesVisibleIf`, a row, a column or a
    // panel's question hidden inside a matrix or dynamic panel is cleared from the value; an expression is
    // computed again. Their values are part of a response's group, as read keys are.
    if (e['showOtherItem'] === true || e['hasOther'] === true || volatile(e)) readKeys.add(name);
  }
  for (const cv of Array.isArray(survey['calculatedValues']) ? (survey['calculatedValues'] as unknown[]) : [])
    if (cv && typeof cv === 'object' && typeof (cv as Json)['name'] === 'string')
      readKeys.add((cv as Json)['name'] as string);
  return { mayHide, readKeys };
}

/** Keys of a question's JSON whose content is inside its value (cells, rows, panels' questions, items). */
const INNER = new Set(['columns', 'rows', 'templateElements', 'items', 'choices', 'rateValues', 'detailElements']);

/** Whether completion may change a question's value (rather than keep or clear it), depending on it. */
function volatile(e: Json): boolean {
  if (String(e['type']).toLowerCase() === 'expression') return true;
  const visit = (value: unknown, key: string, inner: boolean, depth: number): boolean => {
    if (depth > 64) return true;
    if (/visibleIf$/i.test(key) && (inner || key !== 'visibleIf')) return true;
    if (inner && ((key === 'visible' && value === false) || key === 'showOtherItem' || key === 'hasOther')) return true;
    if (Array.isArray(value)) return value.some((v) => visit(v, key, inner, depth + 1));
    if (value && typeof value === 'object')
      return Object.entries(value as Json).some(([k, v]) => visit(v, k, inner || INNER.has(key), depth + 1));
    return false;
  };
  return Object.entries(e).some(([k, v]) => visit(v, k, INNER.has(k), 0));
}
