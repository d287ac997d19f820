import fc from 'fast-check';
import { Model } from 'survey-core';
import { parseBundle } from '../bundle/validate.js';
import { evaluate } from '../engine/evaluate.js';
import { isPresent } from '../engine/values.js';
import { makeBundle, yesNoNsp } from '../testing/factories.js';
import { watchObjectPrototype } from '../testing/prototype.js';
import type { ResponseRecord } from '../types.js';
import { importResponsesCsv, importResponsesJson } from './import.js';
import { applyVisibility } from './visibility.js';

/**
 * Hidden questions mean what they mean in SurveyJS: on random questionnaires (conditions on questions,
 * panels, pages and a calculated value, reading earlier or later questions) and random answers, an import
 * keeps exactly the answers that survey-core's own Model keeps when a fresh survey completes, and the
 * engine then counts them as they are.
 */

const CHOICES = ['a', 'b', 'c'];

const conditionArb = (names: string[]) => {
  const v = fc.constantFrom(...names);
  const atom = fc.oneof(
    fc.constantFrom('{cv} = true', '{cv} = false'),
    fc.tuple(v, fc.constantFrom(...CHOICES)).map(([n, c]) => `{${n}} = '${c}'`),
    fc
      .tuple(v, fc.subarray(CHOICES, { minLength: 1 }))
      .map(([n, cs]) => `{${n}} anyof [${cs.map((c) => `'${c}'`).join(', ')}]`),
    v.map((n) => `{${n}} notempty`),
    v.map((n) => `{${n}} empty`),
    fc.tuple(v, fc.constantFrom(...CHOICES)).map(([n, c]) => `!({${n}} = '${c}')`),
  );
  return fc.oneof(
    atom,
    fc.tuple(atom, fc.constantFrom('and', 'or'), atom).map(([a, op, b]) => `${a} ${op} ${b}`),
  );
};

const caseArb = fc.integer({ min: 2, max: 6 }).chain((n) => {
  const names = Array.from({ length: n }, (_, i) => `q${i}`);
  const cond = fc.option(conditionArb(names), { freq: 2 });
  return fc.record({
    questions: fc.tuple(
      ...names.map((name) =>
        fc.record({
          name: fc.constant(name),
          multiple: fc.boolean(),
          visibleIf: cond,
          page: fc.integer({ min: 0, max: 2 }),
          // A choice hidden by a condition: survey-core clears it from the value (the answer's own business).
          choicesVisibleIf: fc.option(fc.constantFrom("{item} != 'c' or {q0} = 'a'", "{item} = 'a' or {q1} notempty"), {
            freq: 4,
          }),
          panel: fc.option(fc.integer({ min: 0, max: 1 })),
        }),
      ),
    ),
    pageConds: fc.tuple(cond, cond, cond),
    calculated: fc.constantFrom("{q0} = 'a'", '{q1} notempty', "{q0} anyof ['b', 'c'] or {q1} = 'a'"),
    panelConds: fc.tuple(cond, cond),
    responses: fc.array(
      fc.tuple(
        ...names.map(() =>
          fc.option(fc.oneof(fc.constantFrom(...CHOICES), fc.subarray(CHOICES, { minLength: 1 })), { freq: 3 }),
        ),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  });
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function questionnaire(c: Case) {
  const pages = [0, 1, 2].map((p) => {
    const elements: Record<string, unknown>[] = [];
    const panels: Record<string, unknown>[] = [0, 1].map((k) => ({
      type: 'panel',
      name: `panel${p}_${k}`,
      elements: [] as unknown[],
      ...(c.panelConds[k] && { visibleIf: c.panelConds[k] }),
    }));
    for (const q of c.questions.filter((x) => x.page === p)) {
      const el = {
        type: q.multiple ? 'checkbox' : 'radiogroup',
        name: q.name,
        choices: CHOICES,
        ...(q.visibleIf && { visibleIf: q.visibleIf }),
        ...(q.choicesVisibleIf && { choicesVisibleIf: q.choicesVisibleIf }),
      };
      if (q.panel === null) elements.push(el);
      else (panels[q.panel]!['elements'] as unknown[]).push(el);
    }
    elements.push(...panels.filter((pn) => (pn['elements'] as unknown[]).length > 0));
    return { name: `p${p}`, elements, ...(c.pageConds[p] && { visibleIf: c.pageConds[p] }) };
  });
  return {
    calculatedValues: [{ name: 'cv', expression: c.calculated }],
    pages: pages.filter((p) => p.elements.length > 0),
  };
}

describe('hidden questions, against survey-core', () => {
  it('keeps exactly the answers SurveyJS keeps on completion, and the engine counts them', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const q = questionnaire(c);
        const parsed = parseBundle({
          format: 'trame-bundle/1',
          title: 't',
          questionnaire: q,
          framework: {
            dimensions: [
              {
                code: 'D',
                title: 'D',
                criteria: [
                  {
                    code: 'C',
                    title: 'C',
                    indicators: c.questions.map((x) => ({ code: x.name, kind: 'count', question: x.name })),
                  },
                ],
              },
            ],
          },
        });
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        const data = c.responses.map((answers) => {
          const d: Record<string, unknown> = {};
          c.questions.forEach((x, i) => {
            const v = answers[i];
            if (v === null || v === undefined) return;
            d[x.name] = x.multiple ? (Array.isArray(v) ? v : [v]) : Array.isArray(v) ? v[0] : v;
          });
          return d;
        });
        const completed = data.map((d) => {
          const model = new Model(q);
          model.data = d;
          model.doComplete();
          return model.data as Record<string, unknown>;
        });
        // The same answers several times over: the importer completes each pattern once.
        const records = [...data, ...data].map((d) => ({ status: 'complete' as const, data: { ...d } }));
        const imported = applyVisibility(parsed.value.bundle, records);
        imported.forEach((r, i) => {
          const expected = completed[i % data.length]!;
          for (const x of c.questions) expect([x.name, r.data[x.name]]).toEqual([x.name, expected[x.name]]);
        });
        const expected = c.questions.map((x) => 2 * completed.filter((d) => isPresent(d[x.name])).length);
        const results = evaluate(parsed.value.bundle, imported);
        expect(results.indicators.map((i) => i.denominator)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

const chain = makeBundle({
  elements: [
    { type: 'radiogroup', name: 'a', choices: yesNoNsp },
    { type: 'radiogroup', name: 'b', choices: yesNoNsp, visibleIf: "{a} = 'oui'" },
    { type: 'radiogroup', name: 'c', choices: yesNoNsp, visibleIf: "{b} = 'oui'" },
  ],
  segments: [],
  indicators: [
    { code: 'B', kind: 'count', question: 'b' },
    { code: 'C', kind: 'count', question: 'c' },
  ],
});

/** What survey-core stores for a person who answers a, b, c, then goes back and changes a. */
function surveyJsChain(): Record<string, unknown> {
  const model = new Model(chain.questionnaire);
  model.setValue('a', 'oui');
  model.setValue('b', 'oui');
  model.setValue('c', 'oui');
  model.setValue('a', 'non');
  model.doComplete();
  return model.data as Record<string, unknown>;
}

const figures = (records: ResponseRecord[]) =>
  evaluate(chain, records).indicators.map((i) => [i.code, i.value, i.denominator]);

describe('visibility at import', () => {
  it('A → B → C, the person went back and changed A: survey-core keeps C, and so do Trame’s figures', () => {
    const stored = surveyJsChain();
    expect(stored).toEqual({ a: 'non', c: 'oui' });
    // Trame's own page stores that; the engine counts it as it is.
    expect(figures([{ status: 'complete', data: stored }])).toEqual([
      ['B', null, 0],
      ['C', 1, 1],
    ]);
    // The answers as given (paper, another tool), imported: cleared once, deciding on them as given.
    const imported = importResponsesJson(chain, [{ a: 'non', b: 'oui', c: 'oui' }]);
    expect(imported).toEqual({ ok: true, value: [{ status: 'complete', data: { a: 'non', c: 'oui' } }] });
    // A Trame export says the answers were cleared already: taken as they are, C kept.
    const exported = importResponsesJson(chain, {
      format: 'trame-responses/1',
      visibilityApplied: true,
      responses: [{ id: 'r1', status: 'complete', data: stored }],
    });
    expect(exported.ok && figures(exported.value)).toEqual([
      ['B', null, 0],
      ['C', 1, 1],
    ]);
  });

  it('a visible question whose condition reads a calculated value keeps its answers (1/1, not 0/0)', () => {
    const bundle = makeBundle({
      questionnaire: {
        calculatedValues: [{ name: 'adulte', expression: '{age} >= 18' }],
        elements: [
          { type: 'text', inputType: 'number', name: 'age' },
          { type: 'radiogroup', name: 'q', choices: yesNoNsp, visibleIf: '{adulte} = true' },
        ],
      },
      segments: [],
      indicators: [{ code: 'P', kind: 'percent', question: 'q', positive: ['oui'] }],
    });
    const model = new Model(bundle.questionnaire);
    model.setValue('age', 40);
    model.setValue('q', 'oui');
    model.doComplete();
    const csv = importResponsesCsv(bundle, 'age;q\n40;oui\n12;oui\n');
    expect(csv.ok && csv.value.map((r) => r.data)).toEqual([{ age: 40, q: 'oui' }, { age: 12 }]);
    const json = importResponsesJson(bundle, [model.data]);
    expect(json.ok && evaluate(bundle, json.value).indicators[0]).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('clears nothing with clearInvisibleValues: "none", nor in partial responses', () => {
    const keep = makeBundle({
      questionnaire: { ...(chain.questionnaire as object), clearInvisibleValues: 'none' },
      segments: [],
    });
    const data = { a: 'non', b: 'oui', c: 'oui' };
    expect(importResponsesJson(keep, [data])).toEqual({ ok: true, value: [{ status: 'complete', data }] });
    const partial = importResponsesJson(chain, {
      format: 'trame-responses/1',
      responses: [{ status: 'partial', data }],
    });
    expect(partial.ok && partial.value[0]!.data).toEqual(data);
  });

  it('clears hidden pages and panels, and the comment of an "other" not chosen, as survey-core does', () => {
    const bundle = makeBundle({
      questionnaire: {
        pages: [
          {
            name: 'p1',
            elements: [{ type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'], showOtherItem: true }],
          },
          {
            name: 'p2',
            visibleIf: "{statut} = 'membre'",
            elements: [{ type: 'panel', name: 'pn', elements: [{ type: 'comment', name: 'avis' }] }],
          },
        ],
      },
    });
    const r = importResponsesJson(bundle, [
      { statut: 'autre', 'statut-Comment': 'vieux texte', avis: 'x' },
      { statut: 'membre', avis: 'y' },
      { statut: 'other', 'statut-Comment': 'bénévole' },
    ]);
    expect(r.ok && r.value.map((x) => x.data)).toEqual([
      { statut: 'autre' },
      { statut: 'membre', avis: 'y' },
      { statut: 'other', 'statut-Comment': 'bénévole' },
    ]);
  });
});

describe('visibility at import, hostile names', () => {
  it('takes as they are the answers of a stored questionnaire survey-core cannot load, touching no prototype', () => {
    const watch = watchObjectPrototype();
    try {
      const questionnaire = {
        elements: [
          { type: 'radiogroup', name: 'a', choices: ['oui', 'non'] },
          { type: 'matrix', name: 'constructor', rows: ['prototype'], columns: [1, 2], visibleIf: "{a} = 'oui'" },
        ],
      };
      const bundle = { ...chain, questionnaire };
      const data = JSON.parse('{"a":"non","constructor":{"prototype":1}}') as Record<string, unknown>;
      expect(applyVisibility(bundle, [{ status: 'complete', data }])[0]!.data).toBe(data);
      const proto = JSON.parse('{"a":"non","__proto__":"x","c":"oui"}') as Record<string, unknown>;
      expect(applyVisibility(chain, [{ status: 'complete', data: proto }])[0]!.data).toBe(proto);
      expect(watch.changes()).toEqual([]);
    } finally {
      watch.restore();
    }
  });
});

describe('visibility at import, answers completion changes', () => {
  it('clears a choice hidden by choicesVisibleIf from each answer, whatever the answers before it taught', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'radiogroup', name: 'q0', choices: ['a', 'b'] },
        { type: 'checkbox', name: 'm', choices: ['a', 'b', 'c'], choicesVisibleIf: "{item} != 'c' or {q0} = 'a'" },
      ],
      segments: [],
    });
    const data = [
      { q0: 'b', m: ['a'] },
      { q0: 'b', m: ['a', 'c'] },
      { q0: 'a', m: ['c'] },
      { q0: 'b', m: ['c'] },
    ];
    const expected = data.map((d) => {
      const model = new Model(bundle.questionnaire);
      model.data = d;
      model.doComplete();
      return model.data as Record<string, unknown>;
    });
    expect(expected).toEqual([{ q0: 'b', m: ['a'] }, { q0: 'b', m: ['a'] }, { q0: 'a', m: ['c'] }, { q0: 'b' }]);
    const records = data.map((d) => ({ status: 'complete' as const, data: { ...d } }));
    expect(applyVisibility(bundle, records).map((r) => ({ ...r.data }))).toEqual(expected);
  });
});
