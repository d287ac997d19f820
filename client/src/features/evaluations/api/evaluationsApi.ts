import { api, request } from '../../../lib/api/client';
import type { Body, Ok } from '../../../lib/api/routes';
import type { DeletionCounts, EvaluationDetail, EvaluationSummary, EvaluationTemplate } from '../../../lib/api/schema';

export type { DeletionCounts, EvaluationDetail, EvaluationSummary, EvaluationTemplate };

const base = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;

export const listEvaluations = (signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations'>>('/api/evaluations', signal);
export const getEvaluation = (id: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/{id}'>>(base(id), signal);
export const importBundle = (bundle: Body<'POST /api/evaluations'>) =>
  api.post<Ok<'POST /api/evaluations'>>('/api/evaluations', bundle);
export const listTemplates = (signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/templates'>>('/api/evaluations/templates', signal);
export const createFromTemplate = (body: Body<'POST /api/evaluations/new'>) =>
  api.post<Ok<'POST /api/evaluations/new'>>('/api/evaluations/new', body);
/** Without `confirm`, an evaluation with responses answers 409 CONFIRMATION_REQUIRED with what would go. */
export const deleteEvaluation = (id: string, confirm?: string) =>
  api.del<Ok<'DELETE /api/evaluations/{id}'>>(
    `${base(id)}${confirm === undefined ? '' : `?confirm=${encodeURIComponent(confirm)}`}`,
  );
export const putInternalDatum = (
  id: string,
  code: string,
  body: Body<'PUT /api/evaluations/{id}/internal-data/{code}'>,
) =>
  api.put<Ok<'PUT /api/evaluations/{id}/internal-data/{code}'>>(
    `${base(id)}/internal-data/${encodeURIComponent(code)}`,
    body,
  );
export const createInternalDatum = (id: string, body: Body<'POST /api/evaluations/{id}/internal-data'>) =>
  api.post<Ok<'POST /api/evaluations/{id}/internal-data'>>(`${base(id)}/internal-data`, body);
export const patchInternalDatum = (
  id: string,
  code: string,
  body: Body<'PATCH /api/evaluations/{id}/internal-data/{code}'>,
) =>
  api.patch<Ok<'PATCH /api/evaluations/{id}/internal-data/{code}'>>(
    `${base(id)}/internal-data/${encodeURIComponent(code)}`,
    body,
  );
export const deleteInternalDatum = (id: string, code: string) =>
  api.del<Ok<'DELETE /api/evaluations/{id}/internal-data/{code}'>>(
    `${base(id)}/internal-data/${encodeURIComponent(code)}`,
  );
export const bundleUrl = (id: string) => `${base(id)}/bundle`;
/** The design workbook (XLSForm sheets and Trame's), to edit in a spreadsheet and import back. */
export const workbookUrl = (id: string) => `${base(id)}/workbook.xlsx`;
export const blankWorkbookUrl = '/api/design-workbook/template.xlsx';

/** A design workbook, an XLSForm or a bundle file: 201 with what could not be carried over (`warnings`). */
export function importDesignFile(file: File): Promise<Ok<'POST /api/evaluations/import'>> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request('/api/evaluations/import', { method: 'POST', body: form });
}
