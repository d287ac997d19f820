import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api/client';
import type { PublicCampaign } from '../../../lib/api/schema';
import { fetchPublicCampaign } from '../api/publicApi';

export type CampaignLoad =
  | { kind: 'loading' }
  | { kind: 'ready'; campaign: PublicCampaign }
  | { kind: 'unknown' }
  | { kind: 'closed'; message?: string; closesAt?: string | null }
  | { kind: 'notOpen'; message?: string; opensAt?: string | null }
  | { kind: 'error' };

/** The three states a public campaign is in (a draft is not public: 404). */
export function classify(c: PublicCampaign): CampaignLoad {
  switch (c.state) {
    case 'closed':
      return { kind: 'closed', message: c.message ?? undefined, closesAt: c.closesAt };
    case 'not_yet_open':
      return { kind: 'notOpen', message: c.message ?? undefined, opensAt: c.opensAt };
    case 'open':
      return { kind: 'ready', campaign: c };
  }
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
        // An unknown link and a draft both answer 404; the states come in the 200's `state`.
        if (err instanceof ApiError && err.status === 404) setLoad({ kind: 'unknown' });
        else setLoad({ kind: 'error' });
      },
    );
    return () => ctrl.abort();
  }, [slug, attempt, early]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { load, retry };
}
