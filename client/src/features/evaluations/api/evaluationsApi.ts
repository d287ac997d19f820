import { api } from '../../../lib/api/client';
import type { Body, Ok } from '../../../lib/api/routes';
import type { EvaluationDetail, EvaluationSummary } from '../../../lib/api/schema';

export type { EvaluationDetail, EvaluationSummary };

export const listEvaluations = (signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations'>>('/api/evaluations', signal);
export const getEvaluation = (id: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/{id}'>>(`/api/evaluations/${encodeURIComponent(id)}`, signal);
export const importBundle = (bundle: Body<'POST /api/evaluations'>) =>
  api.post<Ok<'POST /api/evaluations'>>('/api/evaluations', bundle);
export const putInternalDatum = (
  id: string,
  code: string,
  body: Body<'PUT /api/evaluations/{id}/internal-data/{code}'>,
) =>
  api.put<Ok<'PUT /api/evaluations/{id}/internal-data/{code}'>>(
    `/api/evaluations/${encodeURIComponent(id)}/internal-data/${encodeURIComponent(code)}`,
    body,
  );
export const bundleUrl = (id: string) => `/api/evaluations/${encodeURIComponent(id)}/bundle`;
