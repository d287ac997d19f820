import { checkAnswers } from '../questionnaire/answers.js';
import { evaluate } from '../engine/evaluate.js';
import { makeBundle } from '../testing/factories.js';
import { parseNumber } from './number.js';
import { parseResponsesCsv } from './parse.js';

describe('parseNumber: one reading of a number, everywhere', () => {
  it.each([
    ['1200.5', 1200.5],
    ['1200,5', 1200.5],
    ['1 200,5', 1200.5],
    ['1\u00a0200,5', 1200.5],
    ['1\u202f200,5', 1200.5],
    ['12\u202f000\u202f000', 12_000_000],
    ['1 200', 1200],
    [' -3 ', -3],
    ['\u22123,5', -3.5],
    ['+2', 2],
    ['.5', 0.5],
    ['1e3', 1000],
    [42, 42],
  ])('reads %j as %d', (text, n) => expect(parseNumber(text)).toBe(n));

  it.each([
    '1.200,5',
    '1,200.5',
    '12 00',
    '1 2 3',
    '1,2,3',
    '',
    'douze',
    '1200 €',
    'Infinity',
    '0x10',
    true,
    null,
    [1],
  ])('refuses %j', (text) => expect(parseNumber(text)).toBeUndefined());

  it('refuses a decimal comma where the file writes numbers the English way', () => {
    expect(parseNumber('1,5', { decimalComma: false })).toBeUndefined();
    expect(parseNumber('1.5', { decimalComma: false })).toBe(1.5);
  });

  it('gives the same verdict in the answer check, the engine and the CSV reader', () => {
    const bundle = makeBundle({
      elements: [
        { type: 'text', inputType: 'number', name: 'n' },
        { type: 'text', name: 't' },
      ],
      segments: [],
      indicators: [{ code: 'S', kind: 'sum', question: 'n' }],
    });
    for (const [text, n] of [
      ['1 200,5', 1200.5],
      ['1.200,5', undefined],
    ] as const) {
      const check = checkAnswers(bundle, { n: text });
      const sum = evaluate(bundle, [{ status: 'complete', data: { n: text } }]).indicators[0]!.value;
      const csv = parseResponsesCsv(bundle, `n;t\n${text};x\n`);
      expect([check.length === 0, sum, csv.ok && csv.value[0]!.data['n']]).toEqual(
        n === undefined ? [false, null, false] : [true, n, n],
      );
    }
  });
});
