import type { PublicCampaign } from '../../../lib/api/types';

export function orgName(c: PublicCampaign): string | undefined {
  const o = c.organization ?? c.organisation;
  return typeof o === 'string' ? o : (o?.name ?? undefined);
}
