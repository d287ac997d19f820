/** The browser copy of a respondent's answers, one per campaign slug. */
import { storage, uuid } from '../../../lib/storage';

export interface LocalProgress {
  id: string;
  data: Record<string, unknown>;
  pageNo: number;
  /** The privacy notice was read and the person chose to start. */
  started: boolean;
  /** The person pressed "Terminer": the complete response is queued or acknowledged. */
  completed: boolean;
  acknowledged: boolean;
  token?: string;
  updatedAt: number;
}

const key = (slug: string) => `trame:progress:${slug}`;

export function loadProgress(slug: string): LocalProgress | null {
  return storage.get<LocalProgress>(key(slug));
}

export function saveProgress(slug: string, p: LocalProgress): void {
  storage.set(key(slug), { ...p, updatedAt: Date.now() });
}

export function newProgress(token?: string): LocalProgress {
  return {
    id: uuid(),
    data: {},
    pageNo: 0,
    started: false,
    completed: false,
    acknowledged: false,
    token,
    updatedAt: Date.now(),
  };
}

export function resumeUrl(slug: string, id: string, token?: string): string {
  const u = new URL(`/s/${encodeURIComponent(slug)}`, window.location.origin);
  u.searchParams.set('r', id);
  if (token) u.searchParams.set('t', token);
  return u.toString();
}
