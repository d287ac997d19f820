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

// --- The notice respondents read before the first question (RGPD articles 13 and 14)

/** The notice's fields the working group fills per campaign; each must be filled for the campaign to open. */
export const PRIVACY_REQUIRED = [
  'controller',
  'contact',
  'purpose',
  'legalBasis',
  'retention',
  'recipients',
  'rights',
] as const;
export type PrivacyRequiredField = (typeof PRIVACY_REQUIRED)[number];
/** French names of the fields, for the messages that name the missing ones. */
export const PRIVACY_FIELD_LABELS: Record<PrivacyRequiredField | 'policyUrl', string> = {
  controller: 'responsable du traitement',
  contact: 'contact pour exercer vos droits',
  purpose: 'finalité',
  legalBasis: 'base légale',
  retention: 'durée de conservation',
  recipients: 'destinataires',
  rights: 'vos droits',
  policyUrl: 'politique de confidentialité complète',
};

const privacyText = z.string().trim().max(2000);
/** What a request may change: any subset; an empty string clears a field. */
export const privacyInputSchema = z.object({
  controller: privacyText.optional(),
  contact: privacyText.optional(),
  purpose: privacyText.optional(),
  legalBasis: privacyText.optional(),
  retention: privacyText.optional(),
  recipients: privacyText.optional(),
  rights: privacyText.optional(),
  policyUrl: z
    .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'adresse http(s) attendue' }).max(2000)])
    .nullable()
    .optional(),
});
export type PrivacyInput = z.infer<typeof privacyInputSchema>;
/** The notice as stored and shown: every field present, an empty string where the group left it blank. */
export const privacyFieldsSchema = z.strictObject({
  controller: z.string(),
  contact: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  retention: z.string(),
  recipients: z.string(),
  rights: z.string(),
  policyUrl: z.string().nullable(),
});
export type PrivacyFields = z.infer<typeof privacyFieldsSchema>;

/** The required fields left empty, in the order the notice shows them. */
export function missingPrivacyFields(p: PrivacyFields): PrivacyRequiredField[] {
  return PRIVACY_REQUIRED.filter((k) => p[k].trim() === '');
}

// --- Requests

export const createCampaignSchema = z.object({
  title: z.string().trim().min(1, 'titre manquant').max(500),
  access: z.enum(CAMPAIGN_ACCESS).default('public'),
  status: z.enum(CAMPAIGN_STATUS).default('open'),
  opensAt: isoDateTimeSchema.nullable().optional(),
  closesAt: isoDateTimeSchema.nullable().optional(),
  privacyNotice: z.string().max(20_000).nullable().optional(),
  /** Pre-filled from the organisation where left out (see docs/api.md). */
  privacy: privacyInputSchema.optional(),
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
  privacy: privacyInputSchema.optional(),
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
  privacy: privacyFieldsSchema,
  /** The required fields of the notice still empty: the campaign cannot open while there is one. */
  privacyMissing: z.array(z.enum(PRIVACY_REQUIRED)),
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
