import { cell, neutralise } from './neutralise.js';

describe('neutralise (OWASP ASVS 5.0 §1.2.10)', () => {
  it.each(['=1+1', '+33 6 12', '-2', '@SUM(A1)', '\tx', '\rx', '\0x', '=HYPERLINK("http://x")'])(
    'prefixes %j with a quote',
    (s) => {
      expect(neutralise(s)).toBe(`'${s}`);
    },
  );

  it.each(['Oui', '', ' =1', "'déjà", '12 €'])('leaves %j alone', (s) => {
    expect(neutralise(s)).toBe(s);
  });

  it('keeps numbers and booleans as they are, objects as JSON text', () => {
    expect(cell(-12.5)).toBe(-12.5);
    expect(cell(true)).toBe(true);
    expect(cell(null)).toBeNull();
    expect(cell(Number.NaN)).toBeNull();
    expect(cell({ a: 1 })).toBe('{"a":1}');
    expect(cell('-1')).toBe("'-1");
  });
});
