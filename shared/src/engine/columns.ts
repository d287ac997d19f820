import type { Bundle, Indicator } from '../bundle/schema.js';
import { resolveRef, type QuestionnaireCatalog } from '../questionnaire/catalog.js';
import { ConditionRunner } from 'survey-core';
import { nullObject, ownValue } from '../keys.js';
import { rootName } from './conditions.js';
import { isPresent, valueKey, valuesOf } from './values.js';

/**
 * Columnar view of the respondents. Each data key the engine reads becomes a column: one Int32 code per
 * respondent pointing into the column's distinct values (-1: no answer). A choice question has a handful of
 * distinct values, so everything an indicator asks of an answer (present? excluded? positive? which choices?
 * which number?) is worked out once per distinct value, and the pass over 100,000 respondents is table
 * look-ups. Conditions are memoised on the codes of the columns they read.
 */

export interface Entry {
  raw: unknown;
  /** Its values: the items of a list (each read from `valuePropertyName` when the question has one). */
  values: unknown[];
  /** Comparison keys of its values, deduplicated (a list counts each choice once). */
  keys: string[];
}

export class Column {
  codes: Int32Array;
  readonly entries: Entry[] = [];
  private readonly index = new Map<string, number>();

  /** @param property the question's `valuePropertyName`: each item of a list is `{ [property]: value }`. */
  constructor(
    size: number,
    private readonly property?: string,
  ) {
    this.codes = new Int32Array(size).fill(-1);
  }

  /** Room for `size` respondents (the responses arrive as a stream of unknown length). */
  resize(size: number) {
    const codes = new Int32Array(size).fill(-1);
    codes.set(this.codes.subarray(0, Math.min(size, this.codes.length)));
    this.codes = codes;
  }

  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();

  /** Code of a raw value; -1 for an absent one (rule 3). Strings and numbers, by far the most common, are
   * looked up as they are: building a key string per answer was most of the engine's time. */
  encode(raw: unknown): number {
    if (typeof raw === 'string') {
      if (raw === '') return -1;
      const code = this.strings.get(raw);
      return code === undefined ? this.add(raw, this.strings, raw) : code;
    }
    if (typeof raw === 'number') {
      const code = this.numbers.get(raw);
      return code === undefined ? this.add(raw, this.numbers, raw) : code;
    }
    if (!isPresent(raw)) return -1;
    const k = JSON.stringify(raw);
    const code = this.index.get(k);
    return code === undefined ? this.add(raw, this.index, k) : code;
  }

  private add<K>(raw: unknown, index: Map<K, number>, key: K): number {
    const code = this.entries.length;
    const keys: string[] = [];
    const prop = this.property;
    const values = prop && Array.isArray(raw) ? raw.map((x) => ownValue(x, prop)) : valuesOf(raw);
    for (const x of values) {
      if (x === null || x === undefined || x === '') continue;
      const k = valueKey(x);
      if (!keys.includes(k)) keys.push(k);
    }
    this.entries.push({ raw, values, keys });
    index.set(key, code);
    return code;
  }

  /** The column of a part of this one's values (`matrix.row`), derived per distinct value. */
  derive(path: string[]): Column {
    const out = new Column(this.codes.length);
    const map = this.entries.map((e) => {
      let v: unknown = e.raw;
      for (const p of path) v = Array.isArray(v) ? undefined : ownValue(v, p);
      return out.encode(v);
    });
    for (let i = 0; i < this.codes.length; i++) {
      const c = this.codes[i]!;
      out.codes[i] = c < 0 ? -1 : map[c]!;
    }
    return out;
  }
}

const UNWRAPPED = '-unwrapped';

/** A condition run on columns; memoised on the codes of the columns it reads. */
export class ColumnCondition {
  private readonly runner: ConditionRunner;
  readonly variables: string[];
  readonly roots: string[];
  private cols: Column[] = [];
  private readonly memo = new Map<number | string, boolean>();
  private readonly pure: boolean;

  /** What each root of the expression reads: a column (index in `roots`), its items unwrapped or not. */
  private readonly reads: { name: string; column: number; unwrapped: boolean }[];

  constructor(readonly expression: string) {
    this.runner = new ConditionRunner(expression);
    this.variables = this.runner.getVariables();
    // `{q-unwrapped}` reads q's column: survey-core gives it the plain values of a `valuePropertyName` list.
    const names = [...new Set(this.variables.map(rootName))];
    const keyOf = (n: string) => (n.endsWith(UNWRAPPED) ? n.slice(0, -UNWRAPPED.length) : n);
    this.roots = [...new Set(names.map(keyOf))];
    this.reads = names.map((name) => ({
      name,
      column: this.roots.indexOf(keyOf(name)),
      unwrapped: name !== keyOf(name),
    }));
    this.pure = !this.runner.hasFunction();
  }

  bind(columns: Map<string, Column>) {
    this.cols = this.roots.map((r) => columns.get(r)!);
  }

  /** Single-column conditions (most of them) keep their results in a table indexed by value code. */
  private table: Int8Array = new Int8Array(0);

  runAt(i: number): boolean {
    const cols = this.cols;
    if (cols.length === 1 && this.pure) {
      const col = cols[0]!;
      const code = col.codes[i]!;
      const slot = code + 1; // slot 0: no answer
      if (slot >= this.table.length) {
        const grown = new Int8Array(Math.max(16, (col.entries.length + 1) * 2)).fill(-1);
        grown.set(this.table);
        this.table = grown;
      }
      const hit = this.table[slot]!;
      if (hit >= 0) return hit === 1;
      const result = this.evaluateAt(i);
      this.table[slot] = result ? 1 : 0;
      return result;
    }
    let key: number | string;
    if (cols.length === 1) key = cols[0]!.codes[i]!;
    else if (cols.length === 2) key = `${cols[0]!.codes[i]!},${cols[1]!.codes[i]!}`;
    else {
      key = '';
      for (const c of cols) key += `${c.codes[i]!},`;
    }
    if (this.pure) {
      const hit = this.memo.get(key);
      if (hit !== undefined) return hit;
    }
    const result = this.evaluateAt(i);
    if (this.pure) this.memo.set(key, result);
    return result;
  }

  private evaluateAt(i: number): boolean {
    const cols = this.cols;
    const values = nullObject<unknown>(); // keyed by question names
    for (const { name, column, unwrapped } of this.reads) {
      const code = cols[column]!.codes[i]!;
      if (code < 0) continue;
      const entry = cols[column]!.entries[code]!;
      values[name] = unwrapped && Array.isArray(entry.raw) ? entry.values : entry.raw;
    }
    return this.runner.runValues(values) === true;
  }
}

/** Every data key the engine will read for this bundle: referenced questions and condition variables. */
export function neededRoots(
  bundle: Bundle,
  catalog: QuestionnaireCatalog,
  indicators: Indicator[],
  conditions: (e: string) => ColumnCondition,
): Set<string> {
  const roots = new Set<string>();
  const addRef = (ref: string) => {
    const r = resolveRef(catalog, ref);
    roots.add(r ? r.question.name : rootName(ref));
  };
  for (const s of bundle.segments) addRef(s.question);
  for (const ind of indicators) {
    if ('question' in ind && typeof ind.question === 'string' && ind.question) addRef(ind.question);
    if (ind.where) conditions(ind.where).roots.forEach((r) => roots.add(r));
    if ((ind.kind === 'percent' || ind.kind === 'count') && ind.positiveIf)
      conditions(ind.positiveIf).roots.forEach((r) => roots.add(r));
  }
  return roots;
}
