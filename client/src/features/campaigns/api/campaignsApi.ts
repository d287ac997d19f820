import { api, request } from '../../../lib/api/client';
import type { Campaign, CreateCampaignBody, ImportResult } from '../../../lib/api/types';

export const listCampaigns = (evaluationId: string, signal?: AbortSignal) =>
  api.get<Campaign[]>(`/api/evaluations/${encodeURIComponent(evaluationId)}/campaigns`, signal);
export const createCampaign = (evaluationId: string, body: CreateCampaignBody) =>
  api.post<Campaign>(`/api/evaluations/${encodeURIComponent(evaluationId)}/campaigns`, body);
export const getCampaign = (id: string, signal?: AbortSignal) =>
  api.get<Campaign>(`/api/campaigns/${encodeURIComponent(id)}`, signal);
export const updateCampaign = (id: string, patch: Partial<Campaign>) =>
  api.patch<Campaign>(`/api/campaigns/${encodeURIComponent(id)}`, patch);

export function importResponses(id: string, file: File, onProgress: (f: number) => void): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  return request<ImportResult>(`/api/campaigns/${encodeURIComponent(id)}/responses/import`, {
    method: 'POST',
    body: form,
    onUploadProgress: onProgress,
  });
}

/** The public link of a campaign; the server's `url` wins when it is absolute. */
export function publicLink(c: Campaign): string {
  if (c.url && /^https?:\/\//.test(c.url)) return c.url;
  return new URL(c.url ?? `/s/${encodeURIComponent(c.slug)}`, window.location.origin).toString();
}

export interface CreatedInvitations {
  invitations: { token: string; url: string }[];
}

/** Personal links; the server shows the tokens only in this answer (it keeps their hashes). */
export const createInvitations = (id: string, body: { count: number; segment?: string; group?: string }) =>
  api.post<CreatedInvitations>(`/api/campaigns/${encodeURIComponent(id)}/invitations`, body);
