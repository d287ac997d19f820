import { api, ApiError, type ApiErrorBody } from '../../../lib/api/client';
import type { Body, Ok } from '../../../lib/api/routes';
import type { PublicCampaign } from '../../../lib/api/schema';

const base = (slug: string) => `/api/public/campaigns/${encodeURIComponent(slug)}`;

export function fetchPublicCampaign(
  slug: string,
  signal?: AbortSignal,
  early?: Promise<Response>,
): Promise<PublicCampaign> {
  if (early) {
    // A body can be read once; React may run the loading effect twice (StrictMode): share one parse.
    let parsed = earlyParsed.get(early);
    if (!parsed) earlyParsed.set(early, (parsed = early.then(readEarly, () => api.get<PublicCampaign>(base(slug)))));
    return parsed;
  }
  return api.get<PublicCampaign>(base(slug), signal);
}

const earlyParsed = new WeakMap<Promise<Response>, Promise<PublicCampaign>>();

/** The response of the request main.tsx started before this code was loaded. */
async function readEarly(res: Response): Promise<PublicCampaign> {
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body && typeof body === 'object' ? (body as ApiErrorBody) : null);
  return body as PublicCampaign;
}

export function fetchPublicResponse(
  slug: string,
  id: string,
  signal?: AbortSignal,
  token?: string,
): Promise<Ok<'GET /api/public/campaigns/{slug}/responses/{uuid}'>> {
  const q = token ? `?token=${encodeURIComponent(token)}` : '';
  return api.get<Ok<'GET /api/public/campaigns/{slug}/responses/{uuid}'>>(
    `${base(slug)}/responses/${encodeURIComponent(id)}${q}`,
    signal,
  );
}

export function putPublicResponse(
  slug: string,
  id: string,
  body: Body<'PUT /api/public/campaigns/{slug}/responses/{uuid}'>,
): Promise<Ok<'PUT /api/public/campaigns/{slug}/responses/{uuid}'>> {
  return api.put(`${base(slug)}/responses/${encodeURIComponent(id)}`, body);
}
