/**
 * Response shapes of the HTTP contract (issue 3), hand-written: the server's OpenAPI document
 * (`/api/docs-json`, turned into `schema.d.ts` by `client/scripts/gen-api.mjs`) describes paths, parameters
 * and request bodies but not yet the response bodies. `routes.ts` checks the paths the client calls against
 * it. Result shapes come from @trame/shared's public types (type-only import: no shared runtime here).
 */
import type { Bundle, Results, IndicatorResult, Figure, DistributionChoice, ValidationIssue } from '@trame/shared';

export type { Bundle, Results, IndicatorResult, Figure, DistributionChoice, ValidationIssue };

/** Uniform error body of the server's global filter. */
export interface ApiErrorBody {
  statusCode: number;
  code?: string;
  message?: string | string[];
  /** `[{path, message}]`, or `{errors: [{path, message}]}` as this server sends them. */
  details?: unknown;
}

export interface User {
  id?: string;
  email: string;
  name?: string;
  organizations?: { id: string; name: string; role: string }[];
}

export interface EvaluationSummary {
  id: string;
  title: string;
  description?: string | null;
  organization?: { id?: string; name: string } | string | null;
  createdAt?: string;
  campaignCount?: number;
}

export interface Evaluation extends EvaluationSummary {
  bundle?: Bundle;
  framework?: Bundle['framework'];
  segments?: Bundle['segments'];
  internalData?: Bundle['internalData'];
  questionnaire?: Record<string, unknown>;
  settings?: Bundle['settings'];
  /** Coverage warnings (indicator referencing nothing, question feeding no indicator…), if the server adds them. */
  warnings?: (string | ValidationIssue)[];
}

export type CampaignAccess = 'public' | 'invitation';
export type CampaignStatus = 'draft' | 'open' | 'closed';

export interface Campaign {
  id: number | string;
  evaluationId?: number | string;
  title: string;
  slug: string;
  url?: string;
  access?: CampaignAccess;
  status?: CampaignStatus;
  opensAt?: string | null;
  closesAt?: string | null;
  responses?: { complete: number; partial: number };
  invitations?: { total: number; used: number };
  state?: string;
  privacyNotice?: string | null;
  createdAt?: string;
}

export interface CreateCampaignBody {
  title: string;
  access?: CampaignAccess;
  /** The server opens a new campaign unless told `draft`. */
  status?: 'draft' | 'open';
  opensAt?: string | null;
  closesAt?: string | null;
}

export interface InternalDatumBody {
  value: number;
  period?: string | null;
  source?: string | null;
}

export interface ImportResult {
  imported: number;
}

/** `GET /api/public/campaigns/:slug`. */
export interface PublicCampaign {
  title: string;
  slug?: string;
  questionnaire: Record<string, unknown>;
  privacyNotice?: string | null;
  /** open, closed, or not yet open ("scheduled"/"not_open"/"pending" accepted). */
  state: string;
  opensAt?: string | null;
  closesAt?: string | null;
  access?: CampaignAccess;
  organization?: string | { name: string } | null;
  organisation?: string | { name: string } | null;
  message?: string | null;
}

export type ResponseStatus = 'partial' | 'complete';

export interface PublicResponseBody {
  data: Record<string, unknown>;
  status: ResponseStatus;
  token?: string;
}

export interface PublicResponse {
  id?: string;
  status: ResponseStatus;
  data: Record<string, unknown>;
  submittedAt?: string | null;
  updatedAt?: string | null;
}
