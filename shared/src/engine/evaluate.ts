import type { Bundle, Indicator, Scalar } from '../bundle/schema.js';
import { refChoices, resolveRef, type ChoiceInfo } from '../questionnaire/catalog.js';
import { nullObject } from '../keys.js';
import type { DistributionChoice, Figure, IndicatorResult, ResponseRecord, Results } from '../types.js';
import type { Entry } from './columns.js';
import { rootName } from './conditions.js';
import type { EncodedResponses } from './encoded.js';
import { Prepared } from './prepare.js';
import { roundHalfAwayFromZero, roundPercent, wilson95 } from './rounding.js';
import { parseNumber } from '../responses/number.js';
import { keySet, valueKey } from './values.js';

/** Every indicator of a framework, in framework order. */
export function indicatorsOf(bundle: Bundle): Indicator[] {
  return bundle.framework.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators));
}

/**
 * The indicator engine: `trame-results/1` for a bundle and its responses, following the computation rules
 * of the spec (§2) to the letter. Pure: no I/O, same output for the same input.
 */
export function evaluate(bundle: Bundle, responses: Iterable<ResponseRecord> | EncodedResponses): Results {
  const indicators = indicatorsOf(bundle);
  const prepared = new Prepared(bundle, indicators, responses);
  const engine = new Engine(prepared);
  // Keyed by segment and group codes: objects without a prototype (see keys.ts).
  const segments = nullObject<Record<string, number>>();
  bundle.segments.forEach((s, si) => {
    const counts = nullObject<number>();
    s.groups.forEach((g, gi) => (counts[g.code] = countOnes(prepared.groupMasks[si]![gi]!)));
    segments[s.code] = counts;
  });
  return {
    format: 'trame-results/1',
    respondents: { total: prepared.size, segments },
    indicators: indicators.map((ind) => engine.result(ind)),
  };
}

function countOnes(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i]!;
  return n;
}

/** A subset of respondents: everybody (null), or one group of one segment. */
type Scope = { segment: number; group: number } | null;

interface Accumulator {
  answered: number;
  positive: number;
  numbers: number[];
  /** Distribution: respondents per distinct answer (entry code of the question's column). */
  perEntry: Map<number, number>;
}

const newAcc = (): Accumulator => ({ answered: 0, positive: 0, numbers: [], perEntry: new Map() });

/** What an answer (a distinct value of a column) brings: 0 not answered, 1 answered, 2 answered and positive. */
const NOT_ANSWERED = 0;
const ANSWERED = 1;
const POSITIVE = 2;

class Engine {
  private readonly byCode = new Map<string, Indicator>();
  private readonly internal = new Map<string, number>();
  private readonly segmentIndex = new Map<string, number>();
  private readonly threshold: number;
  private readonly figureMemo = new Map<string, Figure>();
  private readonly computing = new Set<string>();

  constructor(private readonly p: Prepared) {
    for (const ind of indicatorsOf(p.bundle)) this.byCode.set(ind.code, ind);
    for (const d of p.bundle.internalData) this.internal.set(d.code, d.value);
    p.bundle.segments.forEach((s, i) => this.segmentIndex.set(s.code, i));
    this.threshold = p.bundle.settings?.smallSampleThreshold ?? 30;
  }

  result(ind: Indicator): IndicatorResult {
    if (ind.kind === 'internal') {
      const value = this.internal.get(ind.internal) ?? null;
      return { code: ind.code, kind: ind.kind, value, rounded: this.round(value, ind) };
    }
    const scopes: Scope[] = [null];
    const keys: [string, string][] = [];
    for (const segCode of ind.breakdown ?? []) {
      const si = this.segmentIndex.get(segCode);
      if (si === undefined) continue;
      this.p.bundle.segments[si]!.groups.forEach((g, gi) => {
        scopes.push({ segment: si, group: gi });
        keys.push([segCode, g.code]);
      });
    }
    const figures = this.figures(ind, scopes);
    const out: IndicatorResult = { code: ind.code, kind: ind.kind, ...figures[0]! };
    if (keys.length) {
      const breakdown = nullObject<Record<string, Figure>>();
      keys.forEach(([s, g], i) => {
        (breakdown[s] ??= nullObject<Figure>())[g] = figures[i + 1]!;
      });
      out.breakdown = breakdown;
    }
    return out;
  }

  private mask(scope: Scope): Uint8Array | null {
    return scope ? this.p.groupMasks[scope.segment]![scope.group]! : null;
  }

  /** Rule 2: complete responses, restricted to `population`'s group, then to those for which `where` holds. */
  private population(ind: Indicator): Uint8Array {
    const n = this.p.size;
    const pop = new Uint8Array(n);
    if (ind.population) {
      const si = this.segmentIndex.get(ind.population.segment);
      const gi =
        si === undefined ? -1 : this.p.bundle.segments[si]!.groups.findIndex((g) => g.code === ind.population!.group);
      if (si === undefined || gi < 0) return pop;
      pop.set(this.p.groupMasks[si]![gi]!);
    } else pop.fill(1);
    if (ind.where) {
      const where = this.p.condition(ind.where);
      for (let i = 0; i < n; i++) if (pop[i] && !where.runAt(i)) pop[i] = 0;
    }
    return pop;
  }

  /** Figures of one indicator over several scopes, in one pass over the respondents. */
  private figures(ind: Indicator, scopes: Scope[]): Figure[] {
    if (ind.kind === 'internal') {
      const value = this.internal.get(ind.internal) ?? null;
      return scopes.map(() => ({ value, rounded: this.round(value, ind) }));
    }
    if (ind.kind === 'ratio') return scopes.map((s) => this.ratioFigure(ind, s));
    const n = this.p.size;
    const pop = this.population(ind);
    const masks = scopes.map((s) => this.mask(s));
    const accs = scopes.map(newAcc);
    const exclude = keySet(ind.exclude);
    /** Rule 3 for one distinct answer: present (it is, being an entry) and not entirely excluded. */
    const answeredEntry = (e: Entry) => exclude.size === 0 || !e.keys.every((k) => exclude.has(k));
    const col =
      'question' in ind && typeof ind.question === 'string' && ind.question ? this.p.column(ind.question) : null;
    const codes = col?.codes;

    const add = (i: number, fn: (acc: Accumulator) => void) => {
      for (let k = 0; k < masks.length; k++) {
        const m = masks[k];
        if (m && !m[i]) continue;
        fn(accs[k]!);
      }
    };

    switch (ind.kind) {
      case 'percent':
      case 'count': {
        if (ind.positiveIf) {
          const cond = this.p.condition(ind.positiveIf);
          // "Answered in that sense": every question the expression names is present and not excluded.
          const variables = cond.variables.map((v) => v.replace(/-unwrapped(?=$|[.[])/, '')); // `{q-unwrapped}`: q's answer
          const known = (v: string) => Boolean(resolveRef(this.p.catalog, v) || this.p.catalog.byName.has(rootName(v)));
          // A question the questionnaire does not have (a campaign on a version older than the indicator) is
          // answered by nobody: the denominator is 0 and the value null (rules 3 and 5), not everyone's.
          if (!variables.every(known)) break;
          const named = variables.map((v) => this.p.column(v)).filter((c): c is NonNullable<typeof c> => c !== null);
          if (col) named.push(col);
          const answeredTables = named.map((c) => c.entries.map(answeredEntry));
          for (let i = 0; i < n; i++) {
            if (!pop[i]) continue;
            let answered = true;
            for (let k = 0; k < named.length && answered; k++) {
              const c = named[k]!.codes[i]!;
              answered = c >= 0 && answeredTables[k]![c]!;
            }
            if (!answered) continue;
            const positive = cond.runAt(i);
            add(i, (acc) => {
              acc.answered++;
              if (positive) acc.positive++;
            });
          }
          break;
        }
        if (!col || !codes) break;
        const positive = ind.positive ? keySet(ind.positive) : null;
        const state = col.entries.map((e) =>
          !answeredEntry(e) ? NOT_ANSWERED : !positive || e.keys.some((k) => positive.has(k)) ? POSITIVE : ANSWERED,
        );
        for (let i = 0; i < n; i++) {
          const c = codes[i]!;
          if (c < 0 || !pop[i]) continue;
          const st = state[c]!;
          if (st === NOT_ANSWERED) continue;
          for (let k = 0; k < masks.length; k++) {
            const m = masks[k];
            if (m && !m[i]) continue;
            const acc = accs[k]!;
            acc.answered++;
            if (st === POSITIVE) acc.positive++;
          }
        }
        break;
      }
      case 'sum':
      case 'mean':
      case 'median': {
        if (!col || !codes) break;
        // Rule 8: numbers given as strings are parsed; other answers are not numeric answers.
        const num = col.entries.map((e) =>
          answeredEntry(e) && !Array.isArray(e.raw) ? (parseNumber(e.raw) ?? NaN) : NaN,
        );
        for (let i = 0; i < n; i++) {
          const c = codes[i]!;
          if (c < 0 || !pop[i]) continue;
          const v = num[c]!;
          if (Number.isNaN(v)) continue;
          add(i, (acc) => {
            acc.answered++;
            acc.numbers.push(v);
          });
        }
        break;
      }
      case 'distribution': {
        if (!col || !codes) break;
        const ok = col.entries.map(answeredEntry);
        for (let i = 0; i < n; i++) {
          const c = codes[i]!;
          if (c < 0 || !pop[i] || !ok[c]) continue;
          add(i, (acc) => {
            acc.answered++;
            acc.perEntry.set(c, (acc.perEntry.get(c) ?? 0) + 1);
          });
        }
        return accs.map(
          (acc) => ({ denominator: acc.answered, choices: this.choices(ind, acc, col.entries) }) as Figure,
        );
      }
    }
    return accs.map((acc) => this.figureFrom(ind, acc));
  }

  private figureFrom(ind: Indicator, acc: Accumulator): Figure {
    const decimals = ind.decimals ?? 0;
    const n = acc.answered;
    switch (ind.kind) {
      case 'percent': {
        if (n === 0)
          return {
            value: null,
            rounded: null,
            numerator: 0,
            denominator: 0,
            ci95: null,
            smallSample: 0 < this.threshold,
          };
        return {
          value: (100 * acc.positive) / n,
          rounded: roundPercent(acc.positive, n, decimals),
          numerator: acc.positive,
          denominator: n,
          ci95: wilson95(acc.positive, n),
          smallSample: n < this.threshold,
        };
      }
      case 'count':
        return {
          value: n === 0 ? null : acc.positive,
          rounded: n === 0 ? null : acc.positive,
          numerator: acc.positive,
          denominator: n,
        };
      case 'sum':
      case 'mean':
      case 'median': {
        if (n === 0) return { value: null, rounded: null, denominator: 0 };
        let value: number;
        if (ind.kind === 'median') {
          const sorted = Float64Array.from(acc.numbers).sort();
          const mid = sorted.length >> 1;
          value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        } else {
          const total = preciseSum(acc.numbers);
          value = ind.kind === 'sum' ? total : total / n;
        }
        return { value, rounded: roundHalfAwayFromZero(value, decimals), denominator: n };
      }
      default:
        return { value: null, rounded: null };
    }
  }

  /** Per choice: respondents who chose it (once each, even if a list repeats it), percent of answered. */
  private choices(
    ind: Extract<Indicator, { kind: 'distribution' }>,
    acc: Accumulator,
    entries: Entry[],
  ): DistributionChoice[] {
    const n = acc.answered;
    const decimals = ind.decimals ?? 0;
    const counts = new Map<string, number>();
    const firstRaw = new Map<string, unknown>();
    for (const [code, count] of acc.perEntry) {
      const e = entries[code]!;
      const raws = e.values;
      e.keys.forEach((k) => {
        counts.set(k, (counts.get(k) ?? 0) + count);
        if (!firstRaw.has(k))
          firstRaw.set(
            k,
            raws.find((x) => valueKey(x) === k),
          );
      });
    }
    let listed: Scalar[];
    if (ind.choices) {
      listed = ind.choices;
    } else {
      const ref = resolveRef(this.p.catalog, ind.question);
      const known: ChoiceInfo[] = (ref && refChoices(ref)) ?? [];
      listed = [...known.map((c) => c.value), ...(ref && ref.path.length === 0 ? ref.question.specialValues : [])];
      // Values given but not in the questionnaire's list still show, after the listed ones.
      const seen = new Set(listed.map(valueKey));
      for (const [key, raw] of [...firstRaw].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        if (!seen.has(key)) {
          listed.push(raw as Scalar);
          seen.add(key);
        }
      }
    }
    const done = new Set<string>();
    const out: DistributionChoice[] = [];
    for (const value of listed) {
      const key = valueKey(value);
      if (done.has(key)) continue;
      done.add(key);
      const count = counts.get(key) ?? 0;
      out.push({
        value,
        count,
        percent: n === 0 ? null : (100 * count) / n,
        rounded: n === 0 ? null : roundPercent(count, n, decimals),
      });
    }
    return out;
  }

  private ratioFigure(ind: Extract<Indicator, { kind: 'ratio' }>, scope: Scope): Figure {
    const num = this.operand(ind, ind.numerator, scope);
    const den = this.operand(ind, ind.denominator, scope);
    const factor = ind.factor ?? 1;
    const value = num === null || den === null || den === 0 ? null : (factor * num) / den;
    return { value, rounded: this.round(value, ind), numerator: num, denominator: den ?? 0 };
  }

  private operand(ratio: Extract<Indicator, { kind: 'ratio' }>, operand: string, scope: Scope): number | null {
    if (operand.startsWith('internal:')) return this.internal.get(operand.slice(9)) ?? null;
    if (operand.startsWith('indicator:')) {
      const target = this.byCode.get(operand.slice(10));
      if (!target || target.kind === 'distribution') return null;
      const memoKey = `${target.code}|${scope ? `${scope.segment}:${scope.group}` : '*'}`;
      const hit = this.figureMemo.get(memoKey);
      if (hit) return hit.value ?? null;
      if (this.computing.has(memoKey)) return null; // a cycle: validation refuses it, never loop
      this.computing.add(memoKey);
      const figure = this.figures(target, [scope])[0]!;
      this.computing.delete(memoKey);
      this.figureMemo.set(memoKey, figure);
      return figure.value ?? null;
    }
    // `respondents` / `respondents:SEGMENT=GROUP`: sizes of the ratio's own population.
    let extra: Uint8Array | null = null;
    if (operand.startsWith('respondents:')) {
      const [segCode = '', groupCode = ''] = operand.slice(12).split('=');
      const si = this.segmentIndex.get(segCode);
      const gi = si === undefined ? -1 : this.p.bundle.segments[si]!.groups.findIndex((g) => g.code === groupCode);
      if (si === undefined || gi < 0) return null;
      extra = this.p.groupMasks[si]![gi]!;
    }
    const pop = this.population(ratio);
    const m = this.mask(scope);
    let count = 0;
    for (let i = 0; i < pop.length; i++) if (pop[i] && (!m || m[i]) && (!extra || extra[i])) count++;
    return count;
  }

  private round(value: number | null, ind: Indicator): number | null {
    return value === null ? null : roundHalfAwayFromZero(value, ind.decimals ?? 0);
  }
}

/** Neumaier summation: sums of many amounts with cents stay exact to the cent. */
function preciseSum(values: number[]): number {
  let sum = 0;
  let c = 0;
  for (const v of values) {
    const t = sum + v;
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + c;
}
