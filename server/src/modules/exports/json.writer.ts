import type { Writable } from 'node:stream';
import type { StoredResponse } from '../responses/response-reader.js';

/**
 * The complete responses as a `trame-responses/1` document (spec §3), re-importable as they are. Every
 * response in it was completed already, by SurveyJS in the respondent's page or by the importer, so the
 * document says `"visibilityApplied": true`: clearing hidden answers a second time on re-import would drop
 * answers to questions the person saw (a chain A → B → C where A was changed: SurveyJS keeps C).
 */
export async function writeResponsesJson(out: Writable, batches: AsyncIterable<StoredResponse[]>): Promise<void> {
  // One 'drain' listener for the whole export, as the CSV writer (compression middleware, see there).
  let wake: (() => void) | null = null;
  out.on('drain', () => {
    const w = wake;
    wake = null;
    w?.();
  });
  const write = async (s: string) => {
    if (!out.write(s)) await new Promise<void>((resolve) => (wake = resolve));
  };
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
