import { api, request } from '../../../lib/api/client';
import type { Body, Ok } from '../../../lib/api/routes';

export const listCampaigns = (evaluationId: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/evaluations/{id}/campaigns'>>(
    `/api/evaluations/${encodeURIComponent(evaluationId)}/campaigns`,
    signal,
  );
export const createCampaign = (evaluationId: string, body: Body<'POST /api/evaluations/{id}/campaigns'>) =>
  api.post<Ok<'POST /api/evaluations/{id}/campaigns'>>(
    `/api/evaluations/${encodeURIComponent(evaluationId)}/campaigns`,
    body,
  );
export const getCampaign = (id: string, signal?: AbortSignal) =>
  api.get<Ok<'GET /api/campaigns/{id}'>>(`/api/campaigns/${encodeURIComponent(id)}`, signal);
export const updateCampaign = (id: string, patch: Body<'PATCH /api/campaigns/{id}'>) =>
  api.patch<Ok<'PATCH /api/campaigns/{id}'>>(`/api/campaigns/${encodeURIComponent(id)}`, patch);

export function importResponses(
  id: string,
  file: File,
  onProgress: (f: number) => void,
): Promise<Ok<'POST /api/campaigns/{id}/responses/import'>> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request(`/api/campaigns/${encodeURIComponent(id)}/responses/import`, {
    method: 'POST',
    body: form,
    onUploadProgress: onProgress,
  });
}

/** Personal links; the server shows the tokens only in this answer (it keeps their hashes). */
export const createInvitations = (id: string, body: Body<'POST /api/campaigns/{id}/invitations'>) =>
  api.post<Ok<'POST /api/campaigns/{id}/invitations'>>(`/api/campaigns/${encodeURIComponent(id)}/invitations`, body);

/** Without `confirm`, a campaign with responses answers 409 CONFIRMATION_REQUIRED with what would go. */
export const deleteCampaign = (id: string, confirm?: string) =>
  api.del<Ok<'DELETE /api/campaigns/{id}'>>(
    `/api/campaigns/${encodeURIComponent(id)}${confirm === undefined ? '' : `?confirm=${encodeURIComponent(confirm)}`}`,
  );
