import type { Writable } from 'node:stream';
import type { StoredResponse } from '../responses/response-reader.js';
import { drainedWriter } from './drained-writer.js';

/**
 * The complete responses as a `trame-responses/1` document (spec §3), re-importable as they are. Every
 * response in it was completed already, by SurveyJS in the respondent's page or by the importer, so the
 * document says `"visibilityApplied": true`: clearing hidden answers a second time on re-import would drop
 * answers to questions the person saw (a chain A → B → C where A was changed: SurveyJS keeps C).
 */
export async function writeResponsesJson(out: Writable, batches: AsyncIterable<StoredResponse[]>): Promise<void> {
  const write = drainedWriter(out);
  await write('{"format":"trame-responses/1","visibilityApplied":true,"responses":[');
  let first = true;
  for await (const batch of batches) {
    let chunk = '';
    for (const r of batch) {
      const record = { id: r.uuid, status: 'complete', submittedAt: r.submittedAt, data: r.data };
      chunk += `${first ? '' : ','}\n${JSON.stringify(record)}`;
      first = false;
    }
    await write(chunk);
  }
  await write('\n]}\n');
}
