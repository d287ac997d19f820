import { useAsync } from '../../../lib/useAsync';
import { getFramework, getResults } from '../api/resultsApi';

/** Results are recomputed by the server (cached until a response arrives): poll every few seconds. */
export const POLL_MS = 4000;
export const useResults = (campaignId: string) => useAsync((s) => getResults(campaignId, s), [campaignId], POLL_MS);
export const useFramework = (evaluationId: string) => useAsync((s) => getFramework(evaluationId, s), [evaluationId]);
