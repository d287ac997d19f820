import { z } from 'zod';
import { CAMPAIGN_ACCESS, CAMPAIGN_STATUS } from './campaign.entity.js';

const isoDate = z.iso.datetime({ offset: true, error: 'date ISO 8601 attendue (2026-03-01T00:00:00Z)' });

export const createCampaignSchema = z.object({
  title: z.string().trim().min(1, 'titre manquant').max(500),
  access: z.enum(CAMPAIGN_ACCESS).default('public'),
  status: z.enum(CAMPAIGN_STATUS).default('open'),
  opensAt: isoDate.nullable().optional(),
  closesAt: isoDate.nullable().optional(),
  privacyNotice: z.string().max(20_000).nullable().optional(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

export const updateCampaignSchema = z.object({
  title: z.string().trim().min(1).max(500).optional(),
  access: z.enum(CAMPAIGN_ACCESS).optional(),
  status: z.enum(CAMPAIGN_STATUS).optional(),
  opensAt: isoDate.nullable().optional(),
  closesAt: isoDate.nullable().optional(),
  privacyNotice: z.string().max(20_000).nullable().optional(),
});
export type UpdateCampaignInput = z.infer<typeof updateCampaignSchema>;

export const createInvitationsSchema = z.object({
  count: z.number().int().min(1).max(5000).default(1),
  segment: z.string().min(1).optional(),
  group: z.string().min(1).optional(),
});
export type CreateInvitationsInput = z.infer<typeof createInvitationsSchema>;
