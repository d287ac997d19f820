import { api } from '../../../lib/api/client';
import type { Ok } from '../../../lib/api/routes';
import type { SessionView } from '../../../lib/api/schema';

export type { SessionView };
/** The server's rule (shared/src/api/auth.ts), for the form's hints. */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@trame/shared';

export const listSessions = (signal?: AbortSignal) =>
  api.get<Ok<'GET /api/auth/sessions'>>('/api/auth/sessions', signal);

export const revokeSession = (id: number) =>
  api.del<Ok<'DELETE /api/auth/sessions/{id}'>>(`/api/auth/sessions/${encodeURIComponent(String(id))}`);

/** Changes the password; every other session and token of the user is closed, this one stays open. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<Ok<'POST /api/auth/password'>>('/api/auth/password', { currentPassword, newPassword });
