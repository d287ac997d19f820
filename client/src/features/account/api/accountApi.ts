import { api } from '../../../lib/api/client';
import type { PasswordChanged, SessionView } from '../../../lib/api/schema';

export type { SessionView };
/** The server's rule (shared/src/api/auth.ts), for the form's hints. */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@trame/shared';

export const listSessions = (signal?: AbortSignal) => api.get<SessionView[]>('/api/auth/sessions', signal);

export const revokeSession = (id: number) => api.del<null>(`/api/auth/sessions/${encodeURIComponent(String(id))}`);

/** Changes the password; every other session and token of the user is closed, this one stays open. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<PasswordChanged>('/api/auth/password', { currentPassword, newPassword });
