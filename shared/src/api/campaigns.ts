import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from './common.js';

export const CAMPAIGN_ACCESS = ['public', 'invitation'] as const;
export type CampaignAccess = (typeof CAMPAIGN_ACCESS)[number];
/** What the working group sets. */
export const CAMPAIGN_STATUS = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUS)[number];
/** What respondents see: the status and the opening dates together. */
export const CAMPAIGN_STATE = ['draft', 'not_yet_open', 'open', 'closed'] as const;
export type CampaignState = (typeof CAMPAIGN_STATE)[number];

// --- Requests

export const createCampaignSchema = z.object({
  title: z.string().trim().min(1, 'titre manquant').max(500),
  access: z.enum(CAMPAIGN_ACCESS).default('public'),
  status: z.enum(CAMPAIGN_STATUS).default('open'),
  opensAt: isoDateTimeSchema.nullable().optional(),
  closesAt: isoDateTimeSchema.nullable().optional(),
  privacyNotice: z.string().max(20_000).nullable().optional(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;
export type CreateCampaignBody = z.input<typeof createCampaignSchema>;

export const updateCampaignSchema = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  access: z.enum(CAMPAIGN_ACCESS).optional(),
  status: z.enum(CAMPAIGN_STATUS).optional(),
  opensAt: isoDateTimeSchema.nullable().optional(),
  closesAt: isoDateTimeSchema.nullable().optional(),
  privacyNotice: z.string().max(20_000).nullable().optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

export const createInvitationsSchema = z.object({
  count: z.number().int().min(1).max(5000).default(1),
  segment: z.string().min(1).optional(),
  group: z.string().min(1).optional(),
});
export type CreateInvitationsInput = z.infer<typeof createInvitationsSchema>;

// --- Responses

const campaignShape = {
  id: idSchema,
  evaluationId: idSchema,
  title: z.string(),
  slug: z.string(),
  /** The public link respondents open. */
  url: z.string(),
  access: z.enum(CAMPAIGN_ACCESS),
  status: z.enum(CAMPAIGN_STATUS),
  state: z.enum(CAMPAIGN_STATE),
  opensAt: isoDateTimeSchema.nullable(),
  closesAt: isoDateTimeSchema.nullable(),
  privacyNotice: z.string(),
  questionnaireVersionId: idSchema,
  createdAt: isoDateTimeSchema,
};
const responseCountsSchema = z.strictObject({
  complete: z.number().int().min(0),
  partial: z.number().int().min(0),
});

export const campaignSchema = z.strictObject(campaignShape);
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignListItemSchema = z.strictObject({ ...campaignShape, responses: responseCountsSchema });
export type CampaignListItem = z.infer<typeof campaignListItemSchema>;
export const campaignDetailSchema = z.strictObject({
  ...campaignShape,
  responses: responseCountsSchema,
  invitations: z.strictObject({ total: z.number().int().min(0), used: z.number().int().min(0) }),
});
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;

/** The tokens are shown once, in this answer: the server keeps only their hashes. */
export const invitationsSchema = z.strictObject({
  invitations: z.array(z.strictObject({ token: z.string(), url: z.string() })),
});
export type CreatedInvitations = z.infer<typeof invitationsSchema>;
