import { api } from '../../../lib/api/client';

/** A browser session or a bearer token of the signed-in user, as `GET /api/auth/sessions` lists it. */
export interface SessionView {
  id: number;
  kind: 'cookie' | 'bearer';
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  /** The session this page is using. */
  current: boolean;
}

/** Same figures as the server's rule (server/src/modules/accounts/password-policy.ts), for the form's hints. */
export const PASSWORD_MIN_LENGTH = 15;
export const PASSWORD_MAX_LENGTH = 128;

export const listSessions = (signal?: AbortSignal) => api.get<SessionView[]>('/api/auth/sessions', signal);

export const revokeSession = (id: number) => api.del<null>(`/api/auth/sessions/${encodeURIComponent(String(id))}`);

/** Changes the password; every other session and token of the user is closed, this one stays open. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<{ revokedSessions: number }>('/api/auth/password', { currentPassword, newPassword });
