import { api } from '../../../lib/api/client';
import type {
  BundleBody,
  EvaluationCreated,
  EvaluationDetail,
  EvaluationSummary,
  InternalDatum,
  InternalDatumBody,
} from '../../../lib/api/schema';

export type { EvaluationDetail, EvaluationSummary };

export const listEvaluations = (signal?: AbortSignal) => api.get<EvaluationSummary[]>('/api/evaluations', signal);
export const getEvaluation = (id: string, signal?: AbortSignal) =>
  api.get<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(id)}`, signal);
export const importBundle = (bundle: BundleBody) => api.post<EvaluationCreated>('/api/evaluations', bundle);
export const putInternalDatum = (id: string, code: string, body: InternalDatumBody) =>
  api.put<InternalDatum>(`/api/evaluations/${encodeURIComponent(id)}/internal-data/${encodeURIComponent(code)}`, body);
export const bundleUrl = (id: string) => `/api/evaluations/${encodeURIComponent(id)}/bundle`;
