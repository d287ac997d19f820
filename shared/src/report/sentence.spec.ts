import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBundle } from '../bundle/validate.js';
import { evaluate, indicatorsOf } from '../engine/evaluate.js';
import { parseResponsesJson } from '../responses/parse.js';
import { formatNumberFr, statementSentence } from './sentence.js';

describe('statementSentence', () => {
  const dir = join(process.cwd(), 'test/fixtures/coopart');
  const parsed = parseBundle(JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8')));
  if (!parsed.ok) throw new Error('fixture');
  const bundle = parsed.value.bundle;
  const responses = parseResponsesJson(bundle, JSON.parse(readFileSync(join(dir, 'responses.json'), 'utf8')));
  if (!responses.ok) throw new Error('fixture');
  const results = evaluate(bundle, responses.value);
  const sentence = (code: string) =>
    statementSentence(
      bundle,
      indicatorsOf(bundle).find((i) => i.code === code)!,
      results.indicators.find((i) => i.code === code)!,
    );

  it('quotes each group of the first breakdown, the first one leading', () => {
    expect(sentence('I05')).toBe(
      "61 % des associé·es (et 73 % des non-associé·es) estiment que Coop'Art renforce leur activité",
    );
  });

  it('names the population when the indicator has one', () => {
    expect(sentence('I08')).toBe('91 % des associé·es se sentent soutenus');
  });

  it('says nothing without a statement', () => {
    expect(sentence('I20')).toBeNull();
  });

  it('formats numbers the French way', () => {
    expect(formatNumberFr(37000)).toBe('37 000');
    expect(formatNumberFr(61.5, 1)).toBe('61,5');
    expect(formatNumberFr(-1234567.891, 2)).toBe('-1 234 567,89');
  });
});
