import { api } from '../../../lib/api/client';
import type { Ok } from '../../../lib/api/routes';
import type { EvaluationDetail } from '../../../lib/api/schema';

/** What the dashboard needs from the evaluation to label the figures: `GET /api/evaluations/:id`. */
export type FrameworkForResults = EvaluationDetail;

export const getResults = (campaignId: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/campaigns/{id}/results'>>(`/api/campaigns/${encodeURIComponent(campaignId)}/results`, signal);
export const getFramework = (evaluationId: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/{id}'>>(`/api/evaluations/${encodeURIComponent(evaluationId)}`, signal);
export const workbookUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/export.xlsx`;
export const csvUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/responses.csv`;
