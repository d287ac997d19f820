import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api/client';
import type { PublicCampaign } from '../../../lib/api/types';
import { fetchPublicCampaign } from '../api/publicApi';

export type CampaignLoad =
  | { kind: 'loading' }
  | { kind: 'ready'; campaign: PublicCampaign }
  | { kind: 'unknown' }
  | { kind: 'closed'; message?: string; closesAt?: string | null }
  | { kind: 'notOpen'; message?: string; opensAt?: string | null }
  | { kind: 'error' };

const NOT_OPEN = new Set(['not_open', 'notopen', 'scheduled', 'pending', 'draft', 'upcoming', 'not_yet_open']);

export function classify(c: PublicCampaign): CampaignLoad {
  const state = String(c.state ?? 'open').toLowerCase();
  if (state === 'closed' || state === 'ended' || state === 'archived')
    return { kind: 'closed', message: c.message ?? undefined, closesAt: c.closesAt };
  if (NOT_OPEN.has(state)) return { kind: 'notOpen', message: c.message ?? undefined, opensAt: c.opensAt };
  return { kind: 'ready', campaign: c };
}

export function usePublicCampaign(slug: string, early?: Promise<Response>): { load: CampaignLoad; retry: () => void } {
  const [load, setLoad] = useState<CampaignLoad>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ kind: 'loading' });
    // The early request serves the first attempt only; a retry asks again.
    fetchPublicCampaign(slug, ctrl.signal, attempt === 0 ? early : undefined).then(
      (c) => setLoad(classify(c)),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiError && (err.status === 404 || err.status === 400)) setLoad({ kind: 'unknown' });
        else if (err instanceof ApiError && err.status === 410) {
          const m = err.message;
          setLoad(
            /pas encore|not yet|ouvrira/i.test(m) ? { kind: 'notOpen', message: m } : { kind: 'closed', message: m },
          );
        } else setLoad({ kind: 'error' });
      },
    );
    return () => ctrl.abort();
  }, [slug, attempt, early]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { load, retry };
}
