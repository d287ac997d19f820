import { api, ApiError, type ApiErrorBody, request } from '../../../lib/api/client';
import type { Body, Ok } from '../../../lib/api/routes';
import type { PublicCampaign } from '../../../lib/api/schema';

const base = (slug: string) => `/api/public/campaigns/${encodeURIComponent(slug)}`;

export function fetchPublicCampaign(
  slug: string,
  signal?: AbortSignal,
  early?: Promise<Response>,
  token?: string,
): Promise<PublicCampaign> {
  // With an invitation the server checks the token before anything is shown: the early request had none.
  if (token) return api.get<PublicCampaign>(`${base(slug)}?token=${encodeURIComponent(token)}`, signal);
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

/** A save that has not answered after this long is abandoned (and retried by the outbox). */
export const SAVE_TIMEOUT_MS = 15_000;

/** Thrown when a save stalls past SAVE_TIMEOUT_MS: the answers stay in the outbox. */
export class SaveTimeoutError extends Error {
  constructor() {
    super('timeout');
    this.name = 'SaveTimeoutError';
  }
}

export async function putPublicResponse(
  slug: string,
  id: string,
  body: Body<'PUT /api/public/campaigns/{slug}/responses/{uuid}'>,
  timeoutMs = SAVE_TIMEOUT_MS,
): Promise<Ok<'PUT /api/public/campaigns/{slug}/responses/{uuid}'>> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    return await request<Ok<'PUT /api/public/campaigns/{slug}/responses/{uuid}'>>(
      `${base(slug)}/responses/${encodeURIComponent(id)}`,
      { method: 'PUT', body, signal: ctrl.signal },
    );
  } catch (e) {
    if (ctrl.signal.aborted) throw new SaveTimeoutError();
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
