import { api } from '../../../lib/api/client';
import type { Bundle, Results } from '../../../lib/api/types';

/** What the dashboard needs from the evaluation to label the figures. */
export interface FrameworkForResults {
  id: number | string;
  title: string;
  organization?: Bundle['organization'];
  settings?: Bundle['settings'];
  framework: Bundle['framework'];
  segments: Bundle['segments'];
  internalData: Bundle['internalData'];
  questionnaire: Record<string, unknown>;
}

export const getResults = (campaignId: string, signal?: AbortSignal) =>
  api.get<Results>(`/api/campaigns/${encodeURIComponent(campaignId)}/results`, signal);
export const getFramework = (evaluationId: string, signal?: AbortSignal) =>
  api.get<FrameworkForResults>(`/api/evaluations/${encodeURIComponent(evaluationId)}`, signal);
export const workbookUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/export.xlsx`;
export const csvUrl = (campaignId: string) => `/api/campaigns/${encodeURIComponent(campaignId)}/responses.csv`;
