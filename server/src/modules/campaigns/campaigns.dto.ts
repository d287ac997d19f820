/** The campaign routes' bodies are the shared contract's (shared/src/api/campaigns.ts). */
import { CAMPAIGN_ACCESS as CONTRACT_ACCESS, CAMPAIGN_STATUS as CONTRACT_STATUS } from '@trame/shared';
export { type ConfirmQuery, confirmQuerySchema } from '../evaluations/evaluations.dto.js';
import { CAMPAIGN_ACCESS, CAMPAIGN_STATUS } from './campaign.entity.js';

export {
  type CreateCampaignInput,
  createCampaignSchema,
  type CreateInvitationsInput,
  createInvitationsSchema,
  type UpdateCampaignInput,
  updateCampaignSchema,
} from '@trame/shared';

// The entity's columns take exactly the values the contract accepts: tsc fails here if one list changes.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAccess: Same<(typeof CAMPAIGN_ACCESS)[number], (typeof CONTRACT_ACCESS)[number]> = true;
const sameStatus: Same<(typeof CAMPAIGN_STATUS)[number], (typeof CONTRACT_STATUS)[number]> = true;
void sameAccess;
void sameStatus;
