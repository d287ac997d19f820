import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../lib/api/client';
import type { PublicCampaign } from '../../../lib/api/schema';
import { fetchPublicCampaign } from '../api/publicApi';

export type CampaignLoad =
  | { kind: 'loading' }
  | { kind: 'ready'; campaign: PublicCampaign }
  | { kind: 'unknown' }
  /** The invitation's token was checked before anything is shown (unknown here, or its response sent). */
  | { kind: 'invitationInvalid'; message: string }
  | { kind: 'invitationUsed'; message: string }
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

export function usePublicCampaign(
  slug: string,
  early?: Promise<Response>,
  token?: string,
): { load: CampaignLoad; retry: () => void } {
  const [load, setLoad] = useState<CampaignLoad>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setLoad({ kind: 'loading' });
    // The early request serves the first attempt only; a retry asks again.
    fetchPublicCampaign(slug, ctrl.signal, attempt === 0 ? early : undefined, token).then(
      (c) => setLoad(classify(c)),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        if (err instanceof ApiError && err.code === 'INVITATION_NOT_FOUND')
          return setLoad({ kind: 'invitationInvalid', message: err.message });
        if (err instanceof ApiError && err.code === 'INVITATION_USED')
          return setLoad({ kind: 'invitationUsed', message: err.message });
        // An unknown link and a draft both answer 404; the states come in the 200's `state`.
        if (err instanceof ApiError && err.status === 404) setLoad({ kind: 'unknown' });
        else setLoad({ kind: 'error' });
      },
    );
    return () => ctrl.abort();
  }, [slug, attempt, early, token]);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { load, retry };
}
