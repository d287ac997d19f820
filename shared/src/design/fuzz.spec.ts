import { ConditionRunner } from 'survey-core';
import { ExpressionError, surveyjsToXlsform, xlsformToSurveyjs } from './expression.js';
import type { SheetCell, SheetData } from './sheet.js';
import { designSheets, readDesignSheets } from './workbook.js';

/** Random sheets and expressions: the readers answer with a result, never an exception, whatever the input. */

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TYPES = [
  'text',
  'integer',
  'decimal',
  'note',
  'select_one l1',
  'select_multiple l2',
  'select_one l1 or_other',
  'select_one absente',
  'begin_group',
  'end_group',
  'begin_repeat',
  'end_repeat',
  'calculate',
  'geopoint',
  'range',
  'rank l1',
  'acknowledge',
  'date',
  'hidden',
  'boolean',
  '',
  'begin group',
];
const NAMES = ['a', 'b', 'c', 'd', 'e', '__proto__', 'constructor', 'a b', '', 'x.y', 'toString'];
const EXPRS = [
  "${a} = 'x'",
  'selected(${b}, 1)',
  '. > 3',
  "${c} != ''",
  'not(${a} = 1) and ${d} < 2',
  'count-selected(${b}) >= 1',
  '${zz} = 1',
  '((',
  'string-length(.) <= 4',
  '${a} div 0',
  '',
  "regex(., '[')",
];

describe('fuzz: random XLSForms', () => {
  it('never throw; a result is a valid bundle or errors that name their sheet', () => {
    const rnd = prng(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let valid = 0;
    for (let iteration = 0; iteration < 400; iteration++) {
      const rows: SheetCell[][] = [
        ['type', 'name', 'label', 'relevant', 'constraint', 'required', 'calculation', 'surveyjs'],
      ];
      const n = 1 + Math.floor(rnd() * 12);
      for (let i = 0; i < n; i++)
        rows.push([
          rnd() < 0.8 ? pick(TYPES.filter((t) => !/^(begin|end)/.test(t))) : pick(TYPES),
          rnd() < 0.85 ? `q${i}` : pick(NAMES),
          rnd() < 0.5 ? `Q ${i}` : null,
          rnd() < 0.4 ? pick(EXPRS) : null,
          rnd() < 0.3 ? pick(EXPRS) : null,
          pick(['yes', 'no', null, "${a} = 'x'", 'peut-être']),
          rnd() < 0.3 ? pick(EXPRS) : null,
          rnd() < 0.1 ? pick(['{}', '{"visible": false}', '[', '{"__proto__": 1}', 'null']) : null,
        ]);
      const sheets: SheetData[] = [
        { name: 'survey', rows },
        {
          name: 'choices',
          rows: [
            ['list_name', 'name', 'label'],
            ['l1', 'x', 'X'],
            ['l1', 1, 'Un'],
            ['l2', 'y', 'Y'],
            rnd() < 0.9 ? ['l2', 'z', 'Z'] : [pick(['l2', '__proto__', null]), pick(['z', '__proto__', 2]), 'Z'],
          ],
        },
      ];
      let result: ReturnType<typeof readDesignSheets>;
      try {
        result = readDesignSheets(sheets);
      } catch (e) {
        throw new Error(`iteration ${iteration} threw ${String(e)} on ${JSON.stringify(rows)}`, { cause: e });
      }
      if (result.ok) {
        expect(result.value.bundle.format).toBe('trame-bundle/1');
        valid++;
        // What was read writes back to a workbook that reads the same.
        const written = designSheets(result.value.bundle).map((x) => ({
          name: x.name,
          rows: [x.columns.map((c) => c.header), ...x.rows],
        }));
        const again = readDesignSheets(written);
        if (!again.ok) throw new Error(`iteration ${iteration}: ${JSON.stringify(again.errors)}`);
        expect([iteration, again.value.bundle]).toEqual([iteration, result.value.bundle]);
      } else
        for (const e of result.errors)
          expect([iteration, typeof (e as { sheet?: unknown }).sheet, e.message.length > 0]).toEqual([
            iteration,
            'string',
            true,
          ]);
    }
    // Both outcomes were exercised.
    expect(valid).toBeGreaterThan(20);
    expect(valid).toBeLessThan(380);
    expect(Object.prototype).toEqual({});
  });

  it('expressions: translated text always parses in SurveyJS, or the translator says why in French', () => {
    const rnd = prng(7);
    const atoms = ['${a}', '${b}', '.', "'x'", '3', "''", 'true()', "selected(${b}, 'y')", 'count-selected(${b})'];
    const ops = [' = ', ' != ', ' < ', ' >= ', ' and ', ' or ', ' + ', ' div ', ' mod '];
    const kinds = new Map([
      ['a', 'single' as const],
      ['b', 'multiple' as const],
    ]);
    for (let i = 0; i < 2000; i++) {
      let e = atoms[Math.floor(rnd() * atoms.length)]!;
      const parts = Math.floor(rnd() * 5);
      for (let k = 0; k < parts; k++) {
        const next = atoms[Math.floor(rnd() * atoms.length)]!;
        e = rnd() < 0.2 ? `not(${e})` : rnd() < 0.2 ? `(${e})` : e;
        e += ops[Math.floor(rnd() * ops.length)]! + next;
      }
      try {
        const out = xlsformToSurveyjs(e, { self: 'a', kindOf: (n) => kinds.get(n) });
        expect(() => new ConditionRunner(out).getVariables()).not.toThrow();
        // And SurveyJS → XLSForm → SurveyJS is stable from there on.
        try {
          const again = xlsformToSurveyjs(surveyjsToXlsform(out, { self: 'a' }), {
            self: 'a',
            kindOf: (n) => kinds.get(n),
          });
          expect(
            xlsformToSurveyjs(surveyjsToXlsform(again, { self: 'a' }), { self: 'a', kindOf: (n) => kinds.get(n) }),
          ).toBe(again);
        } catch (err) {
          if (!(err instanceof ExpressionError)) throw err;
        }
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw new Error(`${e}: ${String(err)}`, { cause: err });
        expect(err.message.length).toBeGreaterThan(0);
      }
    }
  });
});
