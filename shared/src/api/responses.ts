import { z } from 'zod';
import { questionnaireSchema } from '../bundle/schema.js';
import { isoDateTimeSchema } from './common.js';
import { CAMPAIGN_ACCESS, privacyFieldsSchema } from './campaigns.js';

export const RESPONSE_STATUS = ['partial', 'complete'] as const;

// --- Requests

/** `PUT /api/public/campaigns/:slug/responses/:uuid`: SurveyJS's data object as it gives it. */
export const submissionSchema = z.object({
  data: z.record(z.string(), z.unknown(), { error: 'objet « data » attendu' }),
  status: z.enum(RESPONSE_STATUS, { error: 'status attendu : « partial » ou « complete »' }),
  token: z.string().min(1).max(200).optional(),
  /**
   * The response's revision this save was based on (the one the last save or the resume returned). When
   * the response changed since, on another device, the save is refused with 409 RESPONSE_CHANGED and the
   * current answers. Left out (older clients), the save applies as before.
   */
  baseRevision: z.number().int().min(0).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

// --- Responses

/**
 * `GET /api/public/campaigns/:slug`. A draft is not public (404), so respondents see one of three states;
 * `message` says in French why answers are not taken (null when open).
 */
export const publicCampaignSchema = z.strictObject({
  slug: z.string(),
  title: z.string(),
  organisation: z.string().nullable(),
  access: z.enum(CAMPAIGN_ACCESS),
  state: z.enum(['not_yet_open', 'open', 'closed']),
  message: z.string().nullable(),
  opensAt: isoDateTimeSchema.nullable(),
  closesAt: isoDateTimeSchema.nullable(),
  privacyNotice: z.string(),
  /** The notice's fields (RGPD), shown before the first question and from every page. */
  privacy: privacyFieldsSchema,
  /**
   * With `?token=`, the invitation checked before anything is shown (an unknown token answers 404, a
   * token whose response was sent 409): its response in progress, if it has one, to resume.
   */
  invitation: z.strictObject({ responseId: z.uuid().nullable() }).nullable(),
  /** SurveyJS JSON. */
  questionnaire: questionnaireSchema,
});
export type PublicCampaign = z.infer<typeof publicCampaignSchema>;

const submissionResultShape = {
  id: z.uuid(),
  status: z.enum(RESPONSE_STATUS),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  submittedAt: isoDateTimeSchema.nullable(),
  /** Incremented by each save: the `baseRevision` of the next. */
  revision: z.number().int().min(0),
};
export const submissionResultSchema = z.strictObject(submissionResultShape);
export type SubmissionResult = z.infer<typeof submissionResultSchema>;

export const storedResponseSchema = z.strictObject({
  ...submissionResultShape,
  data: z.record(z.string(), z.unknown()),
});
export type StoredResponse = z.infer<typeof storedResponseSchema>;

/** The `details` of a 409 RESPONSE_CHANGED: the response as the other device left it. */
export const responseChangedSchema = storedResponseSchema;

/** `POST /api/campaigns/:id/responses/import`: rows imported, and how many of them are complete. */
export const importedSchema = z.strictObject({
  imported: z.number().int().min(0),
  complete: z.number().int().min(0),
});
export type ImportResult = z.infer<typeof importedSchema>;
