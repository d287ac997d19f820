import { PassThrough } from 'node:stream';
import { parseBundle } from '@trame/shared';
import { importResponsesJson, parseJsonDocument } from '@trame/shared/node';
import { writeResponsesJson } from './json.writer.js';

describe('writeResponsesJson', () => {
  const parsed = parseBundle({
    format: 'trame-bundle/1',
    title: 't',
    questionnaire: {
      elements: [
        { type: 'radiogroup', name: 'a', choices: ['oui', 'non'] },
        { type: 'radiogroup', name: 'b', choices: ['oui', 'non'], visibleIf: "{a} = 'oui'" },
        { type: 'radiogroup', name: 'c', choices: ['oui', 'non'], visibleIf: "{b} = 'oui'" },
      ],
    },
    framework: { dimensions: [] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const bundle = parsed.value.bundle;

  async function exported(rows: { uuid: string; data: Record<string, unknown> }[]): Promise<string> {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    async function* batches() {
      yield await Promise.resolve(rows.map((r, i) => ({ id: i + 1, submittedAt: '2026-01-01T00:00:00.000Z', ...r })));
    }
    await writeResponsesJson(out, batches());
    return Buffer.concat(chunks).toString('utf8');
  }

  it('writes a trame-responses/1 document that says visibility was applied, re-imported as it is', async () => {
    // Stored as SurveyJS completed it: a changed to "non" after c was answered; b cleared, c kept.
    const text = await exported([{ uuid: 'r1', data: { a: 'non', c: 'oui' } }]);
    const doc = parseJsonDocument(text);
    expect(doc.ok && doc.value).toMatchObject({ format: 'trame-responses/1', visibilityApplied: true });
    const again = importResponsesJson(bundle, doc.ok ? doc.value : null);
    expect(again).toEqual({
      ok: true,
      value: [{ id: 'r1', status: 'complete', submittedAt: '2026-01-01T00:00:00.000Z', data: { a: 'non', c: 'oui' } }],
    });
  });

  it('writes a valid document when there are no responses', async () => {
    expect(JSON.parse(await exported([]))).toEqual({
      format: 'trame-responses/1',
      visibilityApplied: true,
      responses: [],
    });
  });
});
