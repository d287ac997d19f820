import { makeBundle } from '../testing/factories.js';
import { parseResponsesCsv, TABLE_LIMITS } from './parse.js';

const bundle = makeBundle({
  elements: [
    { type: 'radiogroup', name: 'statut', choices: ['membre', 'autre'] },
    { type: 'comment', name: 'q' },
  ],
});

function timed(text: string) {
  const start = performance.now();
  const result = parseResponsesCsv(bundle, text);
  return { result, ms: performance.now() - start };
}

describe('CSV reader: limits checked before the rows are built', () => {
  it('a line of 5 million delimiters (10 MB) is refused at the first line, in well under a second', () => {
    const { result, ms } = timed('q;statut\n' + ';'.repeat(5_000_000) + '\n');
    expect(!result.ok && result.errors[0]).toEqual({
      path: 'ligne 2',
      row: 2,
      message: 'plus de 1 000 colonnes : le fichier est refusé',
    });
    expect(ms).toBeLessThan(500);
  });

  it('20 million empty lines are refused by the count of lines', () => {
    const { result, ms } = timed('q\n' + '\n'.repeat(20_000_000));
    expect(!result.ok && result.errors[0]!.message).toBe('plus de 1 000 001 lignes : le fichier est refusé');
    expect(ms).toBeLessThan(500);
  });

  it('too many cells in all, though each line is within bounds', () => {
    const line = ';'.repeat(TABLE_LIMITS.columns - 1) + '\n';
    const { result, ms } = timed(line.repeat(TABLE_LIMITS.cells / TABLE_LIMITS.columns + 1));
    expect(!result.ok && result.errors[0]!.message).toBe('plus de 10 000 000 cellules : le fichier est refusé');
    expect(ms).toBeLessThan(1000);
  });

  it('delimiters and line breaks inside quotes are text, not columns or lines', () => {
    const r = parseResponsesCsv(bundle, `q\n"${';\n'.repeat(5_000)}"\n`);
    expect(r.ok && r.value[0]!.data['q']).toBe(';\n'.repeat(5_000));
    // Longer, it is one cell still: refused by the answer check as too long a text, on row 2, as a public save.
    const long = parseResponsesCsv(bundle, `q\n"${';\n'.repeat(300_000)}"\n`);
    expect(!long.ok && long.errors).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringContaining('texte trop long') }),
    ]);
  });
});
