/**
 * Responses files as they are imported (spec §3), the same for the server and the CLI: read and typed
 * (CSV, XLSX) or shape-checked (JSON), every answer checked against the questionnaire (the one answer
 * check, questionnaire/answers.ts), then the answers of hidden questions cleared as SurveyJS clears them on
 * completion (visibility.ts), unless the document says it already was.
 */
import type { Bundle } from '../bundle/schema.js';
import { checkRecords } from '../questionnaire/answers.js';
import type { QuestionnaireCatalog } from '../questionnaire/catalog.js';
import { parseResponsesCsv, parseResponsesJson, visibilityApplied } from '../responses/parse.js';
import type { ResponseRecord, Result } from '../types.js';
import { applyVisibility } from './visibility.js';
import { parseResponsesXlsx } from './xlsx.js';

/** A JSON responses document (already parsed): an array of SurveyJS data objects or `trame-responses/1`. */
export function importResponsesJson(
  bundle: Bundle,
  input: unknown,
  catalog?: QuestionnaireCatalog,
): Result<ResponseRecord[]> {
  const parsed = parseResponsesJson(bundle, input);
  if (!parsed.ok) return parsed;
  const errors = checkRecords(bundle, parsed.value, { wrapped: !Array.isArray(input), catalog });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: visibilityApplied(input) ? parsed.value : applyVisibility(bundle, parsed.value) };
}

export function importResponsesCsv(bundle: Bundle, text: string): Result<ResponseRecord[]> {
  const parsed = parseResponsesCsv(bundle, text);
  return parsed.ok ? { ok: true, value: applyVisibility(bundle, parsed.value) } : parsed;
}

export async function importResponsesXlsx(bundle: Bundle, buffer: Buffer): Promise<Result<ResponseRecord[]>> {
  const parsed = await parseResponsesXlsx(bundle, buffer);
  return parsed.ok ? { ok: true, value: applyVisibility(bundle, parsed.value) } : parsed;
}
