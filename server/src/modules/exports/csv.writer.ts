import type { Writable } from 'node:stream';
import type { QuestionnaireCatalog } from '@trame/shared';
import type { StoredResponse } from '../responses/response-reader.js';
import { answerColumns } from './columns.js';
import { drainedWriter } from './drained-writer.js';
import { neutralise } from './neutralise.js';

/**
 * The complete responses as CSV in the import format (spec §3): `;` delimiter, decimal comma, UTF-8 with
 * a BOM (Excel), header of question names, choice values, `|` between the values of a multiple choice.
 * Every text cell is neutralised against formula injection, the header too (a question may be named
 * `=1+2`); numbers stay numbers.
 */
export async function writeResponsesCsv(
  out: Writable,
  catalog: QuestionnaireCatalog,
  batches: AsyncIterable<StoredResponse[]>,
): Promise<void> {
  const columns = answerColumns(catalog);
  const write = drainedWriter(out);
  const header = ['id', 'submittedAt', ...columns.map((c) => c.code)];
  await write('\uFEFF' + header.map((h) => quote(neutralise(h))).join(';') + '\r\n');
  for await (const batch of batches) {
    let chunk = '';
    for (const r of batch) {
      // submittedAt is text an import may have set: neutralised like any other.
      const cells = [quote(neutralise(r.uuid)), quote(neutralise(r.submittedAt ?? ''))];
      for (const c of columns) {
        const v = c.csv(r.data);
        cells.push(v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : quote(neutralise(v)));
      }
      chunk += cells.join(';') + '\r\n';
    }
    await write(chunk);
  }
}

function quote(s: string): string {
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
