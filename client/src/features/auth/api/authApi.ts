import { api, rememberCsrf } from '../../../lib/api/client';

export interface SessionUser {
  id?: number | string;
  email: string;
  organisations?: { id: number | string; name: string; role?: string }[];
}

export async function login(email: string, password: string): Promise<SessionUser> {
  const body = await api.post<{ user?: SessionUser; csrfToken?: string } & Partial<SessionUser>>('/api/auth/login', {
    email,
    password,
  });
  rememberCsrf(body);
  return body.user ?? { email };
}

export function logout(): Promise<unknown> {
  return api.post('/api/auth/logout');
}

export function fetchMe(signal?: AbortSignal): Promise<SessionUser> {
  return api.get<SessionUser>('/api/auth/me', signal);
}
