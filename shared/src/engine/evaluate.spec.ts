import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSchema } from '../bundle/schema.js';
import { parseBundle } from '../bundle/validate.js';
import { parseResponsesCsv, parseResponsesJson } from '../responses/parse.js';
import { complete, makeBundle, partial, yesNoNsp } from '../testing/factories.js';
import { watchObjectPrototype } from '../testing/prototype.js';
import type { Figure, IndicatorResult, Results } from '../types.js';
import { evaluate } from './evaluate.js';

const fixture = join(process.cwd(), 'test/fixtures/coopart');
const read = (f: string) => readFileSync(join(fixture, f), 'utf8');

function expectSameFigure(actual: Figure | undefined, expected: Figure, where: string) {
  expect({ where, ...actual }).toMatchObject({
    where,
    ...(expected.rounded !== undefined && { rounded: expected.rounded }),
    ...(expected.numerator !== undefined && { numerator: expected.numerator }),
    ...(expected.denominator !== undefined && { denominator: expected.denominator }),
    ...(expected.smallSample !== undefined && { smallSample: expected.smallSample }),
  });
  if (typeof expected.value === 'number') expect(actual!.value).toBeCloseTo(expected.value, 9);
  if (expected.ci95) {
    expect(actual!.ci95![0]).toBeCloseTo(expected.ci95[0], 2);
    expect(actual!.ci95![1]).toBeCloseTo(expected.ci95[1], 2);
  }
  if (expected.choices) {
    expect(actual!.choices?.map((c) => [c.value, c.count, c.rounded])).toEqual(
      expected.choices.map((c) => [c.value, c.count, c.rounded]),
    );
  }
}

function expectCoopArt(results: Results) {
  const expected = JSON.parse(read('expected-results.json')) as Results;
  expect(results.respondents).toEqual(expected.respondents);
  expect(results.indicators.map((i) => i.code)).toEqual(expected.indicators.map((i) => i.code));
  expected.indicators.forEach((exp, k) => {
    const act = results.indicators[k]!;
    expect(act.kind).toBe(exp.kind);
    expectSameFigure(act, exp, exp.code);
    for (const [seg, groups] of Object.entries(exp.breakdown ?? {})) {
      for (const [group, fig] of Object.entries(groups)) {
        expectSameFigure(act.breakdown?.[seg]?.[group], fig, `${exp.code} ${seg}=${group}`);
      }
    }
    expect(Object.keys(act.breakdown ?? {})).toEqual(Object.keys(exp.breakdown ?? {}));
  });
}

describe("Coop'Art reference case", () => {
  const parsed = parseBundle(JSON.parse(read('bundle.json')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const bundle = parsed.value.bundle;

  it('reproduces expected-results.json from responses.json', () => {
    const responses = parseResponsesJson(bundle, JSON.parse(read('responses.json')));
    if (!responses.ok) throw new Error(JSON.stringify(responses.errors));
    expectCoopArt(evaluate(bundle, responses.value));
  });

  it('reproduces expected-results.json from responses.csv', () => {
    const responses = parseResponsesCsv(bundle, read('responses.csv'));
    if (!responses.ok) throw new Error(JSON.stringify(responses.errors));
    expect(responses.value).toHaveLength(85);
    expectCoopArt(evaluate(bundle, responses.value));
  });

  it('gives the published figure 61 % of members and 73 % of non-members for I05', () => {
    const responses = parseResponsesJson(bundle, JSON.parse(read('responses.json')));
    if (!responses.ok) throw new Error('unreadable');
    const i05 = evaluate(bundle, responses.value).indicators.find((i) => i.code === 'I05')!;
    expect(i05.breakdown!['statut']!['associes']).toMatchObject({ numerator: 42, denominator: 69, rounded: 61 });
    expect(i05.breakdown!['statut']!['non_associes']).toMatchObject({ numerator: 11, denominator: 15, rounded: 73 });
  });
});

const percentQ = { code: 'P', kind: 'percent', question: 'q', positive: ['oui'], exclude: ['nsp'] };
const one = (results: Results, code = 'P'): IndicatorResult => results.indicators.find((i) => i.code === code)!;
const many = (n: number, data: Record<string, unknown>) => Array.from({ length: n }, () => complete({ ...data }));

describe('computation rules', () => {
  it('rounds half away from zero: 5 of 8 is 62.5 % → 63', () => {
    const bundle = makeBundle({ indicators: [percentQ] });
    const r = one(evaluate(bundle, [...many(5, { q: 'oui' }), ...many(3, { q: 'non' })]));
    expect(r).toMatchObject({ value: 62.5, rounded: 63, numerator: 5, denominator: 8 });
  });

  it('rounds half away from zero at the indicator’s decimals (1 of 8 = 12.5 % → 12.5; 1 of 16 = 6.25 → 6.3)', () => {
    const bundle = makeBundle({ indicators: [{ ...percentQ, decimals: 1 }] });
    expect(one(evaluate(bundle, [...many(1, { q: 'oui' }), ...many(15, { q: 'non' })])).rounded).toBe(6.3);
  });

  it('gives null, never 0 or NaN, for an empty denominator', () => {
    const bundle = makeBundle({
      indicators: [percentQ, { code: 'S', kind: 'sum', question: 'n' }],
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'radiogroup', name: 'q', choices: yesNoNsp },
        { type: 'text', inputType: 'number', name: 'n' },
      ],
    });
    const res = evaluate(bundle, many(3, { q: 'nsp' }));
    expect(one(res)).toMatchObject({ value: null, rounded: null, denominator: 0, ci95: null });
    expect(one(res, 'S')).toMatchObject({ value: null, rounded: null, denominator: 0 });
  });

  it('takes "ne sait pas" out of the denominator', () => {
    const bundle = makeBundle({ indicators: [percentQ] });
    const r = one(evaluate(bundle, [...many(3, { q: 'oui' }), ...many(1, { q: 'non' }), ...many(6, { q: 'nsp' })]));
    expect(r).toMatchObject({ numerator: 3, denominator: 4, rounded: 75 });
  });

  it('counts the answers as stored: visibleIf is not applied again (rule 4, applied once at completion)', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'radiogroup', name: 'q', choices: yesNoNsp, visibleIf: "{statut} = 'membre'" },
      ],
      indicators: [percentQ],
    });
    const r = one(
      evaluate(bundle, [
        complete({ statut: 'membre', q: 'oui' }),
        complete({ statut: 'membre', q: 'non' }),
        complete({ statut: 'autre', q: 'oui' }), // stored so: whoever completed it kept it (node/visibility.ts)
        complete({ statut: 'autre' }),
      ]),
    );
    expect(r).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('keeps C in a chain A → B → C when the person went back and changed A (survey-core keeps C)', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'a', choices: yesNoNsp },
        { type: 'radiogroup', name: 'b', choices: yesNoNsp, visibleIf: "{a} = 'oui'" },
        { type: 'radiogroup', name: 'c', choices: yesNoNsp, visibleIf: "{b} = 'oui'" },
      ],
      indicators: [{ code: 'C', kind: 'count', question: 'c' }],
      segments: [],
    });
    // What SurveyJS stored: b cleared on completion (a changed to non), c kept (visible when completed).
    expect(one(evaluate(bundle, [complete({ a: 'non', c: 'oui' })]), 'C')).toMatchObject({ value: 1, denominator: 1 });
  });

  it('counts a visible question whose condition reads a calculated value', () => {
    const bundle = makeBundle({
      questionnaire: {
        calculatedValues: [{ name: 'adulte', expression: '{age} >= 18' }],
        elements: [
          { type: 'text', inputType: 'number', name: 'age' },
          { type: 'radiogroup', name: 'q', choices: yesNoNsp, visibleIf: '{adulte} = true' },
        ],
      },
      indicators: [percentQ],
      segments: [],
    });
    expect(one(evaluate(bundle, [complete({ age: 40, q: 'oui' })]))).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('counts a multiple choice once per respondent, positive if any value is positive', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'checkbox', name: 'm', choices: ['a', 'b', 'c', 'nsp'] },
      ],
      indicators: [
        { code: 'P', kind: 'percent', question: 'm', positive: ['a', 'b'], exclude: ['nsp'] },
        { code: 'D', kind: 'distribution', question: 'm', exclude: ['nsp'] },
      ],
    });
    const res = evaluate(bundle, [
      complete({ m: ['a', 'b'] }),
      complete({ m: ['a', 'a'] }),
      complete({ m: ['c'] }),
      complete({ m: ['nsp'] }),
      complete({ m: ['c', 'nsp'] }),
      complete({ m: [] }),
    ]);
    expect(one(res)).toMatchObject({ numerator: 2, denominator: 4 });
    expect(one(res, 'D').denominator).toBe(4);
    expect(one(res, 'D').choices!.map((c) => [c.value, c.count])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['nsp', 1],
    ]);
  });

  it('ignores partial responses', () => {
    const bundle = makeBundle({ indicators: [percentQ] });
    const res = evaluate(bundle, [complete({ statut: 'membre', q: 'oui' }), partial({ statut: 'membre', q: 'non' })]);
    expect(res.respondents.total).toBe(1);
    expect(one(res)).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('reads matrix rows as matrix.row', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'matrix', name: 'm', rows: ['r1', 'r2'], columns: [1, 2, 3, 4, 5] },
      ],
      indicators: [{ code: 'P', kind: 'percent', question: 'm.r2', positive: [4, 5] }],
    });
    const res = evaluate(bundle, [
      complete({ m: { r1: 5, r2: 4 } }),
      complete({ m: { r1: 5, r2: '2' } }),
      complete({ m: { r1: 1 } }),
    ]);
    expect(one(res)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('handles boolean questions, including custom valueTrue/valueFalse', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'boolean', name: 'b' },
        { type: 'boolean', name: 'c', valueTrue: 'yes', valueFalse: 'no' },
      ],
      indicators: [
        { code: 'B', kind: 'percent', question: 'b', positive: [true] },
        { code: 'C', kind: 'percent', question: 'c', positive: ['yes'] },
      ],
    });
    const res = evaluate(bundle, [
      complete({ b: true, c: 'yes' }),
      complete({ b: false, c: 'no' }),
      complete({ b: 'true' }),
    ]);
    expect(one(res, 'B')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(one(res, 'C')).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('parses numbers given as strings for sum, mean and median (even count: mean of the two middle values)', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'text', inputType: 'number', name: 'n' },
      ],
      indicators: [
        { code: 'S', kind: 'sum', question: 'n', decimals: 1 },
        { code: 'M', kind: 'mean', question: 'n', decimals: 2 },
        { code: 'Md', kind: 'median', question: 'n', decimals: 2 },
      ],
    });
    const res = evaluate(bundle, [
      complete({ n: 10 }),
      complete({ n: '1 200,5' }),
      complete({ n: '3.5' }),
      complete({ n: 'abc' }),
      complete({ n: 4 }),
    ]);
    expect(one(res, 'S')).toMatchObject({ value: 1218, rounded: 1218, denominator: 4 });
    expect(one(res, 'M')).toMatchObject({ value: 304.5, denominator: 4 });
    expect(one(res, 'Md')).toMatchObject({ value: 7, denominator: 4 });
  });

  it('sums amounts with cents exactly', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'text', inputType: 'number', name: 'n' },
      ],
      indicators: [{ code: 'S', kind: 'sum', question: 'n', decimals: 2 }],
    });
    expect(one(evaluate(bundle, many(10, { n: 0.1 })), 'S').rounded).toBe(1);
  });

  it('restricts to the population group, then to where', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'radiogroup', name: 'local', choices: ['oui', 'non'] },
        { type: 'radiogroup', name: 'q', choices: yesNoNsp },
      ],
      indicators: [{ ...percentQ, population: { segment: 'statut', group: 'membres' }, where: "{local} = 'oui'" }],
    });
    const res = evaluate(bundle, [
      complete({ statut: 'membre', local: 'oui', q: 'oui' }),
      complete({ statut: 'membre', local: 'non', q: 'non' }),
      complete({ statut: 'autre', local: 'oui', q: 'non' }),
      complete({ statut: 'membre', local: 'oui', q: 'non' }),
    ]);
    expect(one(res)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('counts with positiveIf only those who answered every named question', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'radiogroup', name: 'a', choices: yesNoNsp },
        { type: 'radiogroup', name: 'b', choices: yesNoNsp },
      ],
      indicators: [{ code: 'P', kind: 'percent', positiveIf: "{a} = 'oui' and {b} = 'oui'", exclude: ['nsp'] }],
    });
    const res = evaluate(bundle, [
      complete({ a: 'oui', b: 'oui' }),
      complete({ a: 'oui', b: 'non' }),
      complete({ a: 'oui' }),
      complete({ a: 'oui', b: 'nsp' }),
    ]);
    expect(one(res)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('with positiveIf naming a question this questionnaire lacks, nobody answered (denominator 0, value null)', () => {
    // What a campaign on an older questionnaire version meets when the indicator names a question added since
    // (the bundle validator refuses it in a single bundle; the engine must still not count everyone).
    const elements = [
      { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
      { type: 'radiogroup', name: 'a', choices: yesNoNsp },
    ];
    const current = makeBundle({
      elements: [...elements, { type: 'radiogroup', name: 'ajoutee', choices: yesNoNsp }],
      indicators: [{ code: 'P', kind: 'percent', positiveIf: "{a} = 'oui' and {ajoutee} = 'oui'" }],
    });
    const older = makeBundle({
      elements,
      indicators: [{ code: 'P', kind: 'percent', question: 'a', positive: ['oui'] }],
    });
    const bundle = { ...current, questionnaire: older.questionnaire };
    const res = evaluate(bundle, [complete({ a: 'oui' }), complete({ a: 'non' })]);
    expect(one(res)).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it('uses SurveyJS semantics for anyof, contains, notempty', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'checkbox', name: 'm', choices: ['a', 'b', 'c'] },
        { type: 'comment', name: 't' },
      ],
      indicators: [
        { code: 'A', kind: 'count', positiveIf: "{m} contains 'b'" },
        { code: 'B', kind: 'count', question: 'statut', where: "{t} notempty and {statut} anyof ['membre']" },
      ],
    });
    const res = evaluate(bundle, [
      complete({ statut: 'membre', m: ['a', 'b'], t: 'x' }),
      complete({ statut: 'membre', m: ['c'] }),
      complete({ statut: 'autre', m: ['b'], t: 'y' }),
    ]);
    expect(one(res, 'A')).toMatchObject({ value: 2, numerator: 2, denominator: 3 });
    expect(one(res, 'B')).toMatchObject({ value: 1, denominator: 1 });
  });

  it('computes breakdowns per group, with the population and where still applied; a respondent in no group counts only overall', () => {
    const bundle = makeBundle({ indicators: [{ ...percentQ, breakdown: ['statut'] }] });
    const res = evaluate(bundle, [
      complete({ statut: 'membre', q: 'oui' }),
      complete({ statut: 'membre', q: 'non' }),
      complete({ statut: 'autre', q: 'oui' }),
      complete({ q: 'oui' }),
    ]);
    const r = one(res);
    expect(r).toMatchObject({ numerator: 3, denominator: 4, smallSample: true });
    expect(r.breakdown!['statut']!['membres']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(r.breakdown!['statut']!['autres']).toMatchObject({ numerator: 1, denominator: 1 });
    expect(res.respondents).toEqual({ total: 4, segments: { statut: { membres: 2, autres: 1 } } });
  });

  it('gives Wilson intervals and smallSample against the bundle’s threshold', () => {
    const bundle = makeBundle({ indicators: [percentQ], settings: { smallSampleThreshold: 5 } });
    const r = one(evaluate(bundle, [...many(8, { q: 'oui' }), ...many(2, { q: 'non' })]));
    expect(r.smallSample).toBe(false);
    expect(r.ci95![0]).toBeCloseTo(49.0162, 3);
    expect(r.ci95![1]).toBeCloseTo(94.3318, 3);
  });

  it('computes ratios of internal figures, indicator values and respondent counts, per group too', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'text', inputType: 'number', name: 'n' },
      ],
      internalData: [{ code: 'pop', label: 'Population', value: 10 }],
      indicators: [
        { code: 'S', kind: 'sum', question: 'n' },
        {
          code: 'R1',
          kind: 'ratio',
          numerator: 'respondents:statut=membres',
          denominator: 'internal:pop',
          factor: 100,
        },
        {
          code: 'R2',
          kind: 'ratio',
          numerator: 'indicator:S',
          denominator: 'respondents',
          breakdown: ['statut'],
          decimals: 1,
        },
        {
          code: 'R3',
          kind: 'ratio',
          numerator: 'indicator:S',
          denominator: 'internal:zero_missing' in {} ? 'x' : 'respondents:statut=autres',
        },
      ],
    });
    const res = evaluate(bundle, [
      complete({ statut: 'membre', n: 10 }),
      complete({ statut: 'membre', n: 20 }),
      complete({ statut: 'autre', n: 3 }),
      complete({ statut: 'membre' }),
    ]);
    expect(one(res, 'R1')).toMatchObject({ value: 30, rounded: 30, numerator: 3, denominator: 10 });
    expect(one(res, 'R2')).toMatchObject({ numerator: 33, denominator: 4, rounded: 8.3 });
    expect(one(res, 'R2').breakdown!['statut']!['membres']).toMatchObject({ numerator: 30, denominator: 3, value: 10 });
    expect(one(res, 'R2').breakdown!['statut']!['autres']).toMatchObject({ numerator: 3, denominator: 1, value: 3 });
    expect(one(res, 'R3')).toMatchObject({ value: 33, numerator: 33, denominator: 1 });
  });

  it('gives null for a ratio over zero', () => {
    const bundle = makeBundle({
      internalData: [{ code: 'zero', label: 'Zéro', value: 0 }],
      indicators: [{ code: 'R', kind: 'ratio', numerator: 'respondents', denominator: 'internal:zero' }],
    });
    expect(one(evaluate(bundle, many(2, { q: 'oui' })), 'R')).toMatchObject({ value: null, rounded: null });
  });

  it('reports internal figures as they are', () => {
    const bundle = makeBundle({
      internalData: [{ code: 'h', label: 'Heures', value: 1500.5, unit: 'h' }],
      indicators: [{ code: 'I', kind: 'internal', internal: 'h' }],
    });
    expect(one(evaluate(bundle, []), 'I')).toEqual({ code: 'I', kind: 'internal', value: 1500.5, rounded: 1501 });
  });

  it('counts positives, or every answer when no positive is given', () => {
    const bundle = makeBundle({
      indicators: [
        { code: 'C1', kind: 'count', question: 'q', positive: ['oui'], exclude: ['nsp'] },
        { code: 'C2', kind: 'count', question: 'q', exclude: ['nsp'] },
      ],
    });
    const res = evaluate(bundle, [
      complete({ q: 'oui' }),
      complete({ q: 'non' }),
      complete({ q: 'nsp' }),
      complete({}),
    ]);
    expect(one(res, 'C1')).toMatchObject({ value: 1, numerator: 1, denominator: 2 });
    expect(one(res, 'C2')).toMatchObject({ value: 2, numerator: 2, denominator: 2 });
  });

  it('matches choice values whatever their JSON type (1 and "1")', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'rating', name: 'r' },
      ],
      indicators: [{ code: 'P', kind: 'percent', question: 'r', positive: [4, 5] }],
    });
    expect(one(evaluate(bundle, [complete({ r: '5' }), complete({ r: 4 }), complete({ r: 1 })]))).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
  });
});

describe('names that are also Object.prototype members', () => {
  let proto: ReturnType<typeof watchObjectPrototype>;
  beforeEach(() => (proto = watchObjectPrototype()));
  afterEach(() => proto.restore());

  it('a bundle that bypassed validation (codes __proto__, constructor) leaves Object.prototype alone and counts right', () => {
    // Structure only: parseBundle refuses these names, an old stored bundle may still hold them.
    const hostile = bundleSchema.parse({
      format: 'trame-bundle/1',
      title: 'T',
      questionnaire: {
        elements: [
          { type: 'radiogroup', name: 'origine', valueName: '__proto__', choices: ['a', 'b'] },
          { type: 'radiogroup', name: 'q', choices: yesNoNsp },
          { type: 'matrix', name: 'constructor', rows: ['prototype', 'toString'], columns: [1, 2, 3, 4] },
        ],
      },
      segments: [
        {
          code: '__proto__',
          question: '__proto__',
          groups: [
            { code: 'constructor', values: ['a'] },
            { code: 'polluted', values: ['b'] },
          ],
        },
      ],
      framework: {
        dimensions: [
          {
            code: 'constructor',
            title: 'D',
            criteria: [
              {
                code: '__proto__',
                title: 'C',
                indicators: [
                  { code: '__proto__', kind: 'percent', question: 'q', positive: ['oui'], breakdown: ['__proto__'] },
                  { code: 'toString', kind: 'count', positiveIf: "{__proto__} = 'a'" },
                  { code: 'prototype', kind: 'mean', question: 'constructor.prototype' },
                  { code: 'valueOf', kind: 'count', question: 'constructor.toString' },
                  { code: 'hasOwnProperty', kind: 'internal', internal: '__proto__' },
                ],
              },
            ],
          },
        ],
      },
      internalData: [{ code: '__proto__', label: 'x', value: 3 }],
    });
    const responses = (
      JSON.parse(
        '[{"__proto__":"a","q":"oui","constructor":{"prototype":2}},{"__proto__":"a","q":"non"},' +
          '{"__proto__":"b","q":"oui","constructor":{"prototype":4}}]',
      ) as Record<string, unknown>[]
    ).map(complete);
    const res = evaluate(hostile, responses);
    expect(proto.changes()).toEqual([]);
    expect(Object.hasOwn(res.respondents.segments, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(res.respondents))).toEqual(
      JSON.parse('{"total":3,"segments":{"__proto__":{"constructor":2,"polluted":1}}}'),
    );
    const p = one(res, '__proto__');
    expect(p).toMatchObject({ numerator: 2, denominator: 3 });
    expect(Object.hasOwn(p.breakdown!, '__proto__')).toBe(true);
    const groups = p.breakdown!['__proto__']!;
    expect(Object.hasOwn(groups, 'constructor') && Object.hasOwn(groups, 'polluted')).toBe(true);
    expect(groups['constructor']).toMatchObject({ numerator: 1, denominator: 2 });
    expect(groups['polluted']).toMatchObject({ numerator: 1, denominator: 1 });
    expect(one(res, 'toString')).toMatchObject({ value: 2, denominator: 3 });
    expect(one(res, 'prototype')).toMatchObject({ value: 3, denominator: 2 });
    expect(one(res, 'valueOf')).toMatchObject({ value: null, denominator: 0 });
    expect(one(res, 'hasOwnProperty')).toMatchObject({ value: 3 });
  });

  it('a matrix row named toString is not read from Object.prototype when unanswered', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
        { type: 'matrix', name: 'm', rows: ['toString', 'r2'], columns: [1, 2] },
      ],
      indicators: [
        { code: 'T', kind: 'count', question: 'm.toString' },
        { code: 'D', kind: 'distribution', question: 'm.toString' },
      ],
    });
    const res = evaluate(bundle, [
      complete({ m: { r2: 1 } }),
      complete({ m: { r2: 2 } }),
      complete({ m: { toString: 2 } }),
    ]);
    expect(one(res, 'T')).toMatchObject({ value: 1, denominator: 1 });
    expect(one(res, 'D').choices).toEqual([
      { value: 1, count: 0, percent: 0, rounded: 0 },
      { value: 2, count: 1, percent: 100, rounded: 100 },
    ]);
  });
});
