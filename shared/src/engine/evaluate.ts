import type { Bundle, Indicator, Scalar } from '../bundle/schema.js';
import { refChoices, resolveRef, type ChoiceInfo } from '../questionnaire/catalog.js';
import type { DistributionChoice, Figure, IndicatorResult, ResponseRecord, Results } from '../types.js';
import { rootName } from './conditions.js';
import { answerGetter, getterFor, prepare, type Prepared } from './prepare.js';
import { roundHalfAwayFromZero, roundPercent, wilson95 } from './rounding.js';
import { isPresent, keySet, toNumber, valueKey, valuesOf } from './values.js';

/** Every indicator of a framework, in framework order. */
export function indicatorsOf(bundle: Bundle): Indicator[] {
  return bundle.framework.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators));
}

/**
 * The indicator engine: `trame-results/1` for a bundle and its responses, following the computation rules
 * of the spec (§2) to the letter. Pure: no I/O, same output for the same input.
 */
export function evaluate(bundle: Bundle, responses: Iterable<ResponseRecord>): Results {
  const prepared = prepare(bundle, responses);
  const engine = new Engine(prepared);
  const segments: Record<string, Record<string, number>> = {};
  bundle.segments.forEach((s, si) => {
    const counts: Record<string, number> = {};
    s.groups.forEach((g) => (counts[g.code] = 0));
    for (const r of prepared.respondents) for (const gi of r.groups[si]!) counts[s.groups[gi]!.code]!++;
    segments[s.code] = counts;
  });
  return {
    format: 'trame-results/1',
    respondents: { total: prepared.respondents.length, segments },
    indicators: indicatorsOf(bundle).map((ind) => engine.result(ind)),
  };
}

/** A subset of respondents: everybody, or one group of one segment. */
type Scope = { segment: number; group: number } | null;

/** What one respondent brings to an indicator. */
type Contribution =
  | { kind: 'binary'; positive: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'choices'; keys: string[]; raw: unknown[] };

interface Accumulator {
  population: number;
  answered: number;
  positive: number;
  numbers: number[];
  choiceCounts: Map<string, number>;
  firstRaw: Map<string, unknown>;
}

const newAcc = (): Accumulator => ({
  population: 0,
  answered: 0,
  positive: 0,
  numbers: [],
  choiceCounts: new Map(),
  firstRaw: new Map(),
});

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
      const breakdown: Record<string, Record<string, Figure>> = {};
      keys.forEach(([s, g], i) => {
        (breakdown[s] ??= {})[g] = figures[i + 1]!;
      });
      out.breakdown = breakdown;
    }
    return out;
  }

  /** Figures of one indicator over several scopes, in one pass over the respondents. */
  private figures(ind: Indicator, scopes: Scope[]): Figure[] {
    if (ind.kind === 'internal') {
      const value = this.internal.get(ind.internal) ?? null;
      return scopes.map(() => ({ value, rounded: this.round(value, ind) }));
    }
    if (ind.kind === 'ratio') return scopes.map((s) => this.ratioFigure(ind, s));
    const accs = scopes.map(newAcc);
    const inPopulation = this.populationFilter(ind);
    const contribute = this.contributor(ind);
    for (const r of this.p.respondents) {
      if (!inPopulation(r.data, r.groups)) continue;
      const c = contribute(r.data);
      for (let k = 0; k < scopes.length; k++) {
        const s = scopes[k]!;
        if (s && !r.groups[s.segment]!.includes(s.group)) continue;
        const acc = accs[k]!;
        acc.population++;
        if (!c) continue;
        acc.answered++;
        if (c.kind === 'binary') {
          if (c.positive) acc.positive++;
        } else if (c.kind === 'number') {
          acc.numbers.push(c.value);
        } else {
          c.keys.forEach((key, i) => {
            acc.choiceCounts.set(key, (acc.choiceCounts.get(key) ?? 0) + 1);
            if (!acc.firstRaw.has(key)) acc.firstRaw.set(key, c.raw[i]);
          });
        }
      }
    }
    return accs.map((acc) => this.figureFrom(ind, acc));
  }

  /** Rule 2: complete responses, restricted to `population`'s group, then to those for which `where` holds. */
  private populationFilter(ind: Indicator): (data: Record<string, unknown>, groups: number[][]) => boolean {
    let segment = -1;
    let group = -1;
    if (ind.population) {
      segment = this.segmentIndex.get(ind.population.segment) ?? -2;
      const seg = this.p.bundle.segments[segment];
      group = seg ? seg.groups.findIndex((g) => g.code === ind.population!.group) : -1;
      if (group < 0) return () => false;
    }
    const where = ind.where ? this.p.conditions.get(ind.where) : null;
    return (data, groups) => {
      if (segment >= 0 && !groups[segment]!.includes(group)) return false;
      return where ? where.run(data) : true;
    };
  }

  /** Rule 3: whether and how a respondent answered; undefined when not answered. */
  private contributor(ind: Indicator): (data: Record<string, unknown>) => Contribution | undefined {
    const catalog = this.p.catalog;
    const exclude = keySet(ind.exclude);
    const answeredValue = (v: unknown): boolean => {
      if (!isPresent(v)) return false;
      if (exclude.size === 0) return true;
      return !valuesOf(v).every((x) => exclude.has(valueKey(x)));
    };
    switch (ind.kind) {
      case 'percent':
      case 'count': {
        const get = ind.question ? getterFor(catalog, ind.question) : null;
        if (ind.positiveIf) {
          const cond = this.p.conditions.get(ind.positiveIf);
          // "Answered in that sense": every question the expression names is present and not excluded.
          const named = cond.variables
            .filter((v) => resolveRef(catalog, v) || catalog.byName.has(rootName(v)))
            .map((v) => answerGetter(resolveRef(catalog, v), v));
          return (data) => {
            if (get && !answeredValue(get(data))) return undefined;
            for (const g of named) if (!answeredValue(g(data))) return undefined;
            return { kind: 'binary', positive: cond.run(data) };
          };
        }
        const positive = ind.positive ? keySet(ind.positive) : null;
        if (!get) return () => undefined;
        return (data) => {
          const v = get(data);
          if (!answeredValue(v)) return undefined;
          const isPositive = positive ? valuesOf(v).some((x) => positive.has(valueKey(x))) : true;
          return { kind: 'binary', positive: isPositive };
        };
      }
      case 'sum':
      case 'mean':
      case 'median': {
        const get = getterFor(catalog, ind.question);
        return (data) => {
          const v = get(data);
          if (!answeredValue(v) || Array.isArray(v)) return undefined;
          const n = toNumber(v);
          return n === undefined ? undefined : { kind: 'number', value: n };
        };
      }
      case 'distribution': {
        const get = getterFor(catalog, ind.question);
        return (data) => {
          const v = get(data);
          if (!answeredValue(v)) return undefined;
          // A multiple choice counts once per respondent and choice, whatever the repetitions.
          const keys: string[] = [];
          const raw: unknown[] = [];
          for (const x of valuesOf(v)) {
            if (x === null || x === undefined || x === '') continue;
            const k = valueKey(x);
            if (keys.includes(k)) continue;
            keys.push(k);
            raw.push(x);
          }
          return { kind: 'choices', keys, raw };
        };
      }
      default:
        return () => undefined;
    }
  }

  private figureFrom(ind: Indicator, acc: Accumulator): Figure {
    const decimals = ind.decimals ?? 0;
    const n = acc.answered;
    switch (ind.kind) {
      case 'percent': {
        if (n === 0) return { value: null, rounded: null, numerator: 0, denominator: 0, ci95: null, smallSample: 0 < this.threshold };
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
          const sorted = acc.numbers.slice().sort((a, b) => a - b);
          const mid = sorted.length >> 1;
          value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
        } else {
          const total = preciseSum(acc.numbers);
          value = ind.kind === 'sum' ? total : total / n;
        }
        return { value, rounded: roundHalfAwayFromZero(value, decimals), denominator: n };
      }
      case 'distribution':
        return { denominator: n, choices: this.choices(ind, acc, decimals) } as Figure;
      default:
        return { value: null, rounded: null };
    }
  }

  private choices(ind: Extract<Indicator, { kind: 'distribution' }>, acc: Accumulator, decimals: number): DistributionChoice[] {
    const n = acc.answered;
    let listed: Scalar[];
    if (ind.choices) {
      listed = ind.choices;
    } else {
      const ref = resolveRef(this.p.catalog, ind.question);
      const known: ChoiceInfo[] = (ref && refChoices(ref)) ?? [];
      listed = [...known.map((c) => c.value), ...(ref && ref.path.length === 0 ? ref.question.specialValues : [])];
      // Values given but not in the questionnaire's list still show, after the listed ones.
      const seen = new Set(listed.map(valueKey));
      for (const [key, raw] of acc.firstRaw) {
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
      const count = acc.choiceCounts.get(key) ?? 0;
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
      if (!target) return null;
      const memoKey = `${target.code}|${scope ? `${scope.segment}:${scope.group}` : '*'}`;
      const hit = this.figureMemo.get(memoKey);
      if (hit) return hit.value ?? null;
      if (this.computing.has(memoKey)) return null; // a cycle: validation refuses it, never loop
      this.computing.add(memoKey);
      const figure = this.figures(target, [scope])[0]!;
      this.computing.delete(memoKey);
      this.figureMemo.set(memoKey, figure);
      return target.kind === 'distribution' ? null : (figure.value ?? null);
    }
    // `respondents` / `respondents:SEGMENT=GROUP`: sizes of the ratio's own population.
    let extra: Scope = null;
    if (operand.startsWith('respondents:')) {
      const [segCode = '', groupCode = ''] = operand.slice(12).split('=');
      const si = this.segmentIndex.get(segCode);
      const gi = si === undefined ? -1 : this.p.bundle.segments[si]!.groups.findIndex((g) => g.code === groupCode);
      if (si === undefined || gi < 0) return null;
      extra = { segment: si, group: gi };
    }
    const inPopulation = this.populationFilter(ratio);
    let count = 0;
    for (const r of this.p.respondents) {
      if (scope && !r.groups[scope.segment]!.includes(scope.group)) continue;
      if (extra && !r.groups[extra.segment]!.includes(extra.group)) continue;
      if (inPopulation(r.data, r.groups)) count++;
    }
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
