import { api } from '../../../lib/api/client';
import type { Bundle, InternalDatumBody } from '../../../lib/api/types';

export interface EvaluationSummary {
  id: number | string;
  title: string;
  description?: string | null;
  questionnaireVersion?: number;
  counts?: { dimensions: number; criteria: number; indicators: number; segments: number; internalData: number };
  createdAt?: string;
}

/** `GET /api/evaluations/:id`: the summary plus the framework, segments, internal data and questionnaire. */
export interface EvaluationDetail extends EvaluationSummary {
  locale?: string;
  organization?: Bundle['organization'];
  settings?: Bundle['settings'];
  framework: Bundle['framework'];
  segments: Bundle['segments'];
  internalData: Bundle['internalData'];
  questionnaire: Record<string, unknown>;
}

export const listEvaluations = (signal?: AbortSignal) => api.get<EvaluationSummary[]>('/api/evaluations', signal);
export const getEvaluation = (id: string, signal?: AbortSignal) =>
  api.get<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(id)}`, signal);
export const importBundle = (bundle: unknown) =>
  api.post<EvaluationSummary & { coverage?: unknown }>('/api/evaluations', bundle);
export const putInternalDatum = (
  id: string,
  code: string,
  body: InternalDatumBody & { label?: string; unit?: string },
) => api.put<unknown>(`/api/evaluations/${encodeURIComponent(id)}/internal-data/${encodeURIComponent(code)}`, body);
export const bundleUrl = (id: string) => `/api/evaluations/${encodeURIComponent(id)}/bundle`;
