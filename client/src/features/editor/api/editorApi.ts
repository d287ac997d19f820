import { api } from '../../../lib/api/client';
import type { Body, Ok } from '../../../lib/api/routes';
import type { EvaluationDesign } from '../../../lib/api/schema';

export type { EvaluationDesign };
export type DesignBody = Body<'PUT /api/evaluations/{id}/design'>;

const base = (id: string) => `/api/evaluations/${encodeURIComponent(id)}`;

export const getDesign = (id: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/{id}/design'>>(`${base(id)}/design`, signal);
/** 409 EVALUATION_CHANGED (details.current) when `baseRevision` is stale; 422 INVALID_DESIGN with paths. */
export const saveDesign = (id: string, body: DesignBody) =>
  api.put<Ok<'PUT /api/evaluations/{id}/design'>>(`${base(id)}/design`, body);
export const listCampaigns = (id: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/{id}/campaigns'>>(`${base(id)}/campaigns`, signal);
/** The complete responses of a campaign, as stored (`trame-responses/1`, visibility already applied). */
export const getResponses = (campaignId: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/campaigns/{id}/responses.json'>>(
    `/api/campaigns/${encodeURIComponent(campaignId)}/responses.json`,
    signal,
  );
