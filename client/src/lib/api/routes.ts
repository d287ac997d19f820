/**
 * Every route this client calls, checked against the generated OpenAPI types (schema.d.ts, generated from
 * the server's document by client/scripts/gen-api.mjs): if the server drops or renames one, tsc fails here.
 */
import type { paths } from './schema';

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';

/** `"GET /api/campaigns/{id}"`-style names of every documented route. */
export type ApiRoute = {
  [P in keyof paths]: {
    [M in Method]: [NonNullable<paths[P][M]>] extends [never] ? never : `${Uppercase<M>} ${P & string}`;
  }[Method];
}[keyof paths];

export const usedRoutes = [
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/password',
  'GET /api/auth/sessions',
  'DELETE /api/auth/sessions/{id}',
  'GET /api/evaluations',
  'POST /api/evaluations',
  'GET /api/evaluations/{id}',
  'GET /api/evaluations/{id}/bundle',
  'PUT /api/evaluations/{id}/internal-data/{code}',
  'GET /api/evaluations/{id}/campaigns',
  'POST /api/evaluations/{id}/campaigns',
  'GET /api/campaigns/{id}',
  'PATCH /api/campaigns/{id}',
  'POST /api/campaigns/{id}/invitations',
  'POST /api/campaigns/{id}/responses/import',
  'GET /api/campaigns/{id}/results',
  'GET /api/campaigns/{id}/export.xlsx',
  'GET /api/campaigns/{id}/responses.csv',
  'GET /api/public/campaigns/{slug}',
  'GET /api/public/campaigns/{slug}/responses/{uuid}',
  'PUT /api/public/campaigns/{slug}/responses/{uuid}',
] as const satisfies readonly ApiRoute[];
