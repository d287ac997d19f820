import { api } from '../../../lib/api/client';
import type { EvaluationDetail, Results } from '../../../lib/api/schema';

/** What the dashboard needs from the evaluation to label the figures: `GET /api/evaluations/:id`. */
export type FrameworkForResults = EvaluationDetail;

export const getResults = (campaignId: string, signal?: AbortSignal) =>
  api.get<Results>(`/api/campaigns/${encodeURIComponent(campaignId)}/results`, signal);
export const getFramework = (evaluationId: string, signal?: AbortSignal) =>
  api.get<EvaluationDetail>(`/api/evaluations/${encodeURIComponent(evaluationId)}`, signal);
export const workbookUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/export.xlsx`;
export const csvUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/responses.csv`;
