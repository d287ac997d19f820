import { api } from '../../../lib/api/client';
import type { PublicCampaign, PublicResponse, PublicResponseBody } from '../../../lib/api/types';

const base = (slug: string) => `/api/public/campaigns/${encodeURIComponent(slug)}`;

export function fetchPublicCampaign(slug: string, signal?: AbortSignal): Promise<PublicCampaign> {
  return api.get<PublicCampaign>(base(slug), signal);
}

export function fetchPublicResponse(slug: string, id: string, signal?: AbortSignal): Promise<PublicResponse> {
  return api.get<PublicResponse>(`${base(slug)}/responses/${encodeURIComponent(id)}`, signal);
}

export function putPublicResponse(slug: string, id: string, body: PublicResponseBody): Promise<unknown> {
  return api.put<unknown>(`${base(slug)}/responses/${encodeURIComponent(id)}`, body);
}
