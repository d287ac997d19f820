import { useAsync } from '../../../lib/useAsync';
import { getCampaign, listCampaigns } from '../api/campaignsApi';

export const useCampaigns = (evaluationId: string) => useAsync((s) => listCampaigns(evaluationId, s), [evaluationId]);
export const useCampaign = (id: string, pollMs?: number) => useAsync((s) => getCampaign(id, s), [id], pollMs);
