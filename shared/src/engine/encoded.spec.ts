import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBundle } from '../bundle/validate.js';
import { parseResponsesJson } from '../responses/parse.js';
import { complete, makeBundle, partial } from '../testing/factories.js';
import type { ResponseRecord } from '../types.js';
import { EncodedResponses } from './encoded.js';
import { evaluate, indicatorsOf } from './evaluate.js';

const fixture = join(process.cwd(), 'test/fixtures/coopart');
const read = (f: string) => readFileSync(join(fixture, f), 'utf8');

function coopart() {
  const parsed = parseBundle(JSON.parse(read('bundle.json')));
  if (!parsed.ok) throw new Error('bundle');
  const responses = parseResponsesJson(parsed.value.bundle, JSON.parse(read('responses.json')));
  if (!responses.ok) throw new Error('responses');
  return { bundle: parsed.value.bundle, records: responses.value };
}

describe('EncodedResponses: responses encoded once, results computed again as they grow', () => {
  it('gives the results of the whole set, however the responses were appended', () => {
    const { bundle, records } = coopart();
    const whole = evaluate(bundle, records);
    for (const sizes of [[records.length], [1, records.length - 1], [10, 0, 30, 7, records.length]]) {
      // A small capacity forces the columns to grow while responses arrive.
      const encoded = new EncodedResponses(bundle, indicatorsOf(bundle), 2);
      let at = 0;
      for (const n of sizes) {
        encoded.append(records.slice(at, at + n));
        at += n;
      }
      expect(encoded.size).toBe(records.filter((r) => r.status === 'complete').length);
      expect(evaluate(bundle, encoded)).toEqual(whole);
    }
  });

  it('one more response changes the results as a computation from scratch would, and no earlier view', () => {
    const { bundle, records } = coopart();
    const encoded = new EncodedResponses(bundle, indicatorsOf(bundle)).append(records.slice(0, -1));
    const before = evaluate(bundle, encoded);
    const view = encoded.view(encoded.names[0]!)!;
    const codesBefore = [...view.codes];
    encoded.append(records.slice(-1));
    expect(evaluate(bundle, encoded)).toEqual(evaluate(bundle, records));
    expect(evaluate(bundle, encoded)).not.toEqual(before);
    expect([...view.codes]).toEqual(codesBefore);
  });

  it('skips partial responses (rule 1) and encodes only the data keys the bundle reads', () => {
    const bundle = makeBundle({
      indicators: [{ code: 'P', title: 'P', kind: 'percent', question: 'q', positive: ['oui'], breakdown: ['statut'] }],
    });
    const recs: ResponseRecord[] = [complete({ statut: 'membre', q: 'oui' }), partial({ statut: 'autre', q: 'non' })];
    const encoded = new EncodedResponses(bundle, indicatorsOf(bundle)).append(recs);
    expect(encoded.size).toBe(1);
    expect([...encoded.names].sort()).toEqual(['q', 'statut']);
    expect(encoded.view('not-a-question')).toBeNull();
    expect(evaluate(bundle, encoded)).toEqual(evaluate(bundle, recs));
  });

  it('refuses to compute a bundle from responses encoded for another one', () => {
    const { bundle, records } = coopart();
    const other = makeBundle(); // reads only its segment's question
    const encoded = new EncodedResponses(other, indicatorsOf(other)).append(records);
    expect(() => evaluate(bundle, encoded)).toThrow(/encodées pour un autre référentiel/);
  });
});
