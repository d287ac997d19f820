import { buildCatalog } from '@trame/shared';
import { answerColumns } from './columns.js';

describe('answerColumns', () => {
  // Legal names (only __proto__, constructor and prototype are refused) that Object.prototype also has.
  const catalog = buildCatalog({
    elements: [
      { type: 'matrix', name: 'm', rows: ['toString', 'r2'], columns: [1, 2] },
      { type: 'multipletext', name: 'mt', items: [{ name: 'valueOf' }] },
      { type: 'text', name: 'hasOwnProperty' },
    ],
  });
  const columns = answerColumns(catalog);
  const data = JSON.parse('{"m":{"r2":1},"mt":{}}') as Record<string, unknown>;

  it('reads answers as own keys: an unanswered toString row is empty, not Object.prototype.toString', () => {
    expect(columns.map((c) => c.code)).toEqual(['m.toString', 'm.r2', 'mt.valueOf', 'hasOwnProperty']);
    expect(columns.map((c) => c.raw(data))).toEqual([undefined, 1, undefined, undefined]);
    expect(columns.map((c) => c.csv(data))).toEqual([null, 1, null, null]);
    expect(columns.map((c) => c.display(data))).toEqual([null, '1', null, null]); // the column's label
  });

  it('reads those names when they are answered', () => {
    const answered = { m: { toString: 2 }, mt: { valueOf: 'x' }, hasOwnProperty: 'oui' };
    expect(columns.map((c) => c.csv(answered))).toEqual([2, null, 'x', 'oui']);
  });

  it('exports a valuePropertyName list as its values, a matrixdynamic as one column, French numbers as numbers', () => {
    const cols = answerColumns(
      buildCatalog({
        elements: [
          { type: 'checkbox', name: 'cars', valuePropertyName: 'car', choices: [{ value: 'BMW', text: 'Béhème' }] },
          { type: 'matrixdynamic', name: 'md', columns: [{ name: 'c' }] },
          { type: 'text', inputType: 'number', name: 'n' },
        ],
      }),
    );
    const d = { cars: [{ car: 'BMW' }], md: [{ c: 1 }], n: '1 200,5' };
    expect(cols.map((c) => c.code)).toEqual(['cars', 'md', 'n']);
    expect(cols.map((c) => c.csv(d))).toEqual(['BMW', '[{"c":1}]', '1 200,5']);
    expect(cols.map((c) => c.display(d))).toEqual(['Béhème', '{"c":1}', 1200.5]);
  });
});
