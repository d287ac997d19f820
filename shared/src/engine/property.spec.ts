import fc from 'fast-check';
import { parseBundle } from '../bundle/validate.js';
import type { Figure, ResponseRecord } from '../types.js';
import { evaluate } from './evaluate.js';

/**
 * The engine against a deliberately naive second implementation of the spec, on random bundles and
 * random responses. The naive one has no memo, no single pass, no shared contributions: it re-reads the
 * rules for every figure.
 */

const VALUES = ['a', 'b', 'c', 'nsp'];

interface Q {
  name: string;
  multiple: boolean;
  numeric: boolean;
  visibleIf?: { on: string; value: string };
}

interface Ind {
  code: string;
  kind: 'percent' | 'count' | 'sum' | 'mean' | 'median' | 'distribution';
  question: string;
  positive?: string[];
  exclude?: string[];
  population?: { segment: string; group: string };
  where?: { on: string; value: string };
  breakdown?: string[];
}

const questionsArb = fc.integer({ min: 2, max: 5 }).chain((n) =>
  fc
    .tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          multiple: fc.boolean(),
          numeric: i === 0 ? fc.constant(false) : fc.boolean(),
          hidden:
            i === 0
              ? fc.constant(null)
              : fc.option(fc.record({ on: fc.integer({ min: 0, max: i - 1 }), value: fc.constantFrom(...VALUES) }), {
                  freq: 2,
                }),
        }),
      ),
    )
    .map((specs) =>
      specs.map((s, i): Q => {
        const q: Q = { name: `q${i}`, multiple: s.numeric ? false : s.multiple, numeric: s.numeric };
        const on = s.hidden ? specs[s.hidden.on] : undefined;
        if (s.hidden && on && !on.numeric) q.visibleIf = { on: `q${s.hidden.on}`, value: s.hidden.value };
        return q;
      }),
    ),
);

function indicatorArb(questions: Q[]): fc.Arbitrary<Ind> {
  const choiceQs = questions.filter((q) => !q.numeric);
  const numQs = questions.filter((q) => q.numeric);
  const kinds: Ind['kind'][] = numQs.length
    ? ['percent', 'count', 'sum', 'mean', 'median', 'distribution']
    : ['percent', 'count', 'distribution'];
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      cq: fc.constantFrom(...choiceQs),
      nq: numQs.length ? fc.constantFrom(...numQs) : fc.constant(choiceQs[0]!),
      positive: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
      exclude: fc.option(fc.constant(['nsp'])),
      population: fc.option(fc.constantFrom('g1', 'g2')),
      where: fc.option(
        fc.record({ on: fc.constantFrom(...choiceQs.map((q) => q.name)), value: fc.constantFrom(...VALUES) }),
        { freq: 3 },
      ),
      breakdown: fc.boolean(),
    })
    .map((r): Ind => {
      const numeric = ['sum', 'mean', 'median'].includes(r.kind);
      const ind: Ind = { code: '', kind: r.kind, question: numeric ? r.nq.name : r.cq.name };
      if (r.kind === 'percent' || (r.kind === 'count' && r.positive.length < 3)) ind.positive = r.positive;
      if (r.exclude) ind.exclude = [...r.exclude];
      if (r.population) ind.population = { segment: 's', group: r.population };
      if (r.where) ind.where = r.where;
      if (r.breakdown) ind.breakdown = ['s'];
      return ind;
    });
}

const caseArb = questionsArb.chain((questions) =>
  fc.record({
    questions: fc.constant(questions),
    indicators: fc.array(indicatorArb(questions), { minLength: 1, maxLength: 6 }),
    threshold: fc.integer({ min: 0, max: 10 }),
    responses: fc.array(
      fc.record({
        complete: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
        answers: fc.tuple(
          ...questions.map((q) =>
            q.numeric
              ? fc.option(
                  fc.oneof(
                    fc.integer({ min: -50, max: 1000 }),
                    fc.integer({ min: 0, max: 99 }).map((n) => `${n},5`),
                    fc.constant('n/a'),
                    fc.constant(''),
                  ),
                  { freq: 4 },
                )
              : q.multiple
                ? fc.option(fc.subarray(VALUES), { freq: 4 })
                : fc.option(fc.oneof(fc.constantFrom(...VALUES), fc.constant('')), { freq: 4 }),
          ),
        ),
      }),
      { maxLength: 40 },
    ),
  }),
);

function toBundle(c: { questions: Q[]; indicators: Ind[]; threshold: number }) {
  const elements = c.questions.map((q) => ({
    type: q.numeric ? 'text' : q.multiple ? 'checkbox' : 'radiogroup',
    ...(q.numeric ? { inputType: 'number' } : { choices: VALUES }),
    name: q.name,
    ...(q.visibleIf && {
      visibleIf: `{${q.visibleIf.on}} ${c.questions.find((x) => x.name === q.visibleIf!.on)!.multiple ? 'contains' : '='} '${q.visibleIf.value}'`,
    }),
  }));
  const first = c.questions[0]!;
  const indicators = c.indicators.map((ind, i) => ({
    ...ind,
    code: `I${i}`,
    where: ind.where
      ? `{${ind.where.on}} ${c.questions.find((x) => x.name === ind.where!.on)!.multiple ? 'contains' : '='} '${ind.where.value}'`
      : undefined,
  }));
  const doc = {
    format: 'trame-bundle/1',
    title: 'random',
    settings: { smallSampleThreshold: c.threshold },
    questionnaire: { pages: [{ name: 'p', elements }] },
    segments: [
      {
        code: 's',
        question: first.name,
        groups: [
          { code: 'g1', values: ['a'] },
          { code: 'g2', values: ['b', 'c'] },
        ],
      },
    ],
    framework: { dimensions: [{ code: 'D', title: 'D', criteria: [{ code: 'C', title: 'C', indicators }] }] },
  };
  const parsed = parseBundle(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value.bundle;
}

// ---- the naive implementation, straight from the spec ----

const present = (v: unknown) => !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const matches = (data: Record<string, unknown>, cond: { on: string; value: string }) =>
  list(data[cond.on]).includes(cond.value);
function naiveNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const t = v.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}
function naiveRound(x: number): number {
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5 + 1e-9);
}

function naive(c: { questions: Q[]; indicators: Ind[]; threshold: number }, responses: ResponseRecord[]) {
  const people = responses
    .filter((r) => r.status === 'complete')
    // Rule 4: the answers as stored, visibleIf or not (it was applied once, when the response was completed).
    .map((r) => r.data);
  const groupOf = (d: Record<string, unknown>, g: string) =>
    list(d['q0']).some((v) => (g === 'g1' ? ['a'] : ['b', 'c']).includes(v as string));
  return c.indicators.map((ind) => {
    const compute = (group: string | null) => {
      const pop = people.filter(
        (d) =>
          (!ind.population || groupOf(d, ind.population.group)) &&
          (!ind.where || matches(d, ind.where)) &&
          (!group || groupOf(d, group)),
      );
      const answered = pop.filter(
        (d) =>
          present(d[ind.question]) &&
          !(ind.exclude && list(d[ind.question]).every((v) => ind.exclude!.includes(v as string))),
      );
      if (ind.kind === 'percent' || ind.kind === 'count') {
        const pos = answered.filter(
          (d) => !ind.positive || list(d[ind.question]).some((v) => ind.positive!.includes(v as string)),
        ).length;
        if (ind.kind === 'count')
          return { numerator: pos, denominator: answered.length, rounded: answered.length ? pos : null };
        return {
          numerator: pos,
          denominator: answered.length,
          rounded: answered.length ? naiveRound((100 * pos) / answered.length) : null,
          smallSample: answered.length < c.threshold,
        };
      }
      if (ind.kind === 'distribution') {
        return {
          denominator: answered.length,
          counts: VALUES.map((v) => answered.filter((d) => list(d[ind.question]).includes(v)).length),
        };
      }
      const nums = answered.map((d) => naiveNumber(d[ind.question])).filter((n): n is number => n !== undefined);
      if (!nums.length) return { denominator: 0, value: null };
      const sum = nums.reduce((a, b) => a + b, 0);
      const sorted = [...nums].sort((a, b) => a - b);
      const m = sorted.length;
      const value =
        ind.kind === 'sum'
          ? sum
          : ind.kind === 'mean'
            ? sum / m
            : m % 2
              ? sorted[(m - 1) / 2]!
              : (sorted[m / 2 - 1]! + sorted[m / 2]!) / 2;
      return { denominator: m, value };
    };
    return {
      overall: compute(null),
      g1: ind.breakdown ? compute('g1') : undefined,
      g2: ind.breakdown ? compute('g2') : undefined,
    };
  });
}

describe('engine against a naive implementation (property-based)', () => {
  it('agrees on random bundles and responses', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const bundle = toBundle(c);
        const responses: ResponseRecord[] = c.responses.map((r) => {
          const data: Record<string, unknown> = {};
          c.questions.forEach((q, i) => {
            const v = r.answers[i];
            if (v !== null && v !== undefined) data[q.name] = v;
          });
          return { status: r.complete ? 'complete' : 'partial', data };
        });
        const results = evaluate(bundle, responses);
        const expected = naive(c, responses);
        expected.forEach((exp, i) => {
          const act = results.indicators[i]!;
          const pick = (fig: Figure | undefined, e: Record<string, unknown> | undefined) => {
            if (!e || !fig) return;
            if ('counts' in e) {
              expect(fig.denominator).toBe(e['denominator']);
              expect(fig.choices!.map((ch) => ch.count)).toEqual(e['counts']);
              return;
            }
            for (const k of ['numerator', 'denominator', 'rounded', 'smallSample'] as const) {
              if (k in e) expect([act.code, k, fig[k]]).toEqual([act.code, k, e[k]]);
            }
            if ('value' in e) {
              if (e['value'] === null) expect(fig.value).toBeNull();
              else expect(fig.value).toBeCloseTo(e['value'] as number, 6);
            }
          };
          pick(act, exp.overall);
          pick(act.breakdown?.['s']?.['g1'], exp.g1);
          pick(act.breakdown?.['s']?.['g2'], exp.g2);
        });
      }),
      { numRuns: 300 },
    );
  });
});
