import fc from 'fast-check';
import { Model } from 'survey-core';
import { parseBundle } from '../bundle/validate.js';
import { evaluate } from './evaluate.js';
import { isPresent } from './values.js';

/**
 * Hidden questions mean what they mean in SurveyJS: on random questionnaires (conditions on questions,
 * panels and pages, reading earlier or later questions) and random answers, the engine counts as answered
 * exactly the answers that survey-core's own Model keeps when the survey completes.
 */

const CHOICES = ['a', 'b', 'c'];

const conditionArb = (names: string[]) => {
  const v = fc.constantFrom(...names);
  const atom = fc.oneof(
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
          panel: fc.option(fc.integer({ min: 0, max: 1 })),
        }),
      ),
    ),
    pageConds: fc.tuple(cond, cond, cond),
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
      };
      if (q.panel === null) elements.push(el);
      else (panels[q.panel]!['elements'] as unknown[]).push(el);
    }
    elements.push(...panels.filter((pn) => (pn['elements'] as unknown[]).length > 0));
    return { name: `p${p}`, elements, ...(c.pageConds[p] && { visibleIf: c.pageConds[p] }) };
  });
  return { pages: pages.filter((p) => p.elements.length > 0) };
}

describe('hidden questions, against survey-core', () => {
  it('keeps exactly the answers SurveyJS keeps on completion', () => {
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
        const expected = c.questions.map(
          (x) =>
            data.filter((d) => {
              const model = new Model(q);
              model.data = d;
              model.doComplete();
              return isPresent((model.data as Record<string, unknown>)[x.name]);
            }).length,
        );
        const results = evaluate(
          parsed.value.bundle,
          data.map((d) => ({ status: 'complete' as const, data: d })),
        );
        expect(results.indicators.map((i) => i.denominator)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
