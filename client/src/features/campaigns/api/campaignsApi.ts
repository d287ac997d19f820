import { api, request } from '../../../lib/api/client';
import type {
  Campaign,
  CampaignDetail,
  CampaignListItem,
  CreateCampaignBody,
  CreateInvitationsBody,
  Imported,
  Invitations,
  UpdateCampaignBody,
} from '../../../lib/api/schema';

export const listCampaigns = (evaluationId: string, signal?: AbortSignal) =>
  api.get<CampaignListItem[]>(`/api/evaluations/${encodeURIComponent(evaluationId)}/campaigns`, signal);
export const createCampaign = (evaluationId: string, body: CreateCampaignBody) =>
  api.post<Campaign>(`/api/evaluations/${encodeURIComponent(evaluationId)}/campaigns`, body);
export const getCampaign = (id: string, signal?: AbortSignal) =>
  api.get<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`, signal);
export const updateCampaign = (id: string, patch: UpdateCampaignBody) =>
  api.patch<CampaignDetail>(`/api/campaigns/${encodeURIComponent(id)}`, patch);

export function importResponses(id: string, file: File, onProgress: (f: number) => void): Promise<Imported> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<Imported>(`/api/campaigns/${encodeURIComponent(id)}/responses/import`, {
    method: 'POST',
    body: form,
    onUploadProgress: onProgress,
  });
}

/** Personal links; the server shows the tokens only in this answer (it keeps their hashes). */
export const createInvitations = (id: string, body: CreateInvitationsBody) =>
  api.post<Invitations>(`/api/campaigns/${encodeURIComponent(id)}/invitations`, body);
