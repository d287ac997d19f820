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

type Operation<R extends ApiRoute> = R extends `${infer M} ${infer P}`
  ? NonNullable<paths[P & keyof paths][Lowercase<M> & Method]>
  : never;
type Json<X> = X extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of a route's success answer, as the server's document describes it (null for a 204). */
export type Ok<R extends ApiRoute> =
  Operation<R> extends { responses: infer Rs }
    ? 200 extends keyof Rs
      ? Json<Rs[200]>
      : 201 extends keyof Rs
        ? Json<Rs[201]>
        : null
    : never;

/** The JSON request body a route takes. */
export type Body<R extends ApiRoute> = Operation<R> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

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
