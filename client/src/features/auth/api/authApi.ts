import { api } from '../../../lib/api/client';
import type { Ok } from '../../../lib/api/routes';
import type { Me } from '../../../lib/api/schema';

/** The signed-in user and the organisations they belong to, with their role in each. */
export type SessionUser = Me;

/** Signs in with a cookie session; the server also sets the readable CSRF cookie the client echoes. */
export async function login(email: string, password: string): Promise<SessionUser> {
  return (await api.post<Ok<'POST /api/auth/login'>>('/api/auth/login', { email, password })).user;
}

export function logout(): Promise<Ok<'POST /api/auth/logout'>> {
  return api.post('/api/auth/logout');
}

export function fetchMe(signal?: AbortSignal): Promise<SessionUser> {
  return api.get<Ok<'GET /api/auth/me'>>('/api/auth/me', signal);
}
