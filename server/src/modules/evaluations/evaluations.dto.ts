import { z } from 'zod';

/** The evaluation routes' bodies are the shared contract's (shared/src/api/evaluations.ts). */
export {
  type CreateInternalDatumInput,
  createInternalDatumSchema,
  designEnvelopeSchema,
  type InternalDataInput,
  internalDataInputSchema,
  type NewEvaluationInput,
  newEvaluationSchema,
  type QuestionnaireInput,
  questionnaireInputSchema,
  type UpdateInternalDatumInput,
  updateInternalDatumSchema,
} from '@trame/shared';

/** `POST /api/evaluations?organisationId=`: server-side only (the web app does not send it). */
export const importQuerySchema = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
});

/** `DELETE /api/evaluations/:id?confirm=` and `DELETE /api/campaigns/:id?confirm=`. */
export const confirmQuerySchema = z.object({
  confirm: z.string({ error: 'une seule confirmation est attendue' }).max(40).optional(),
});
export type ConfirmQuery = z.infer<typeof confirmQuerySchema>;

/** `DELETE /api/evaluations/:id/internal-data/:code?baseRevision=`. */
export const baseRevisionQuerySchema = z.object({
  baseRevision: z.coerce.number({ error: 'révision attendue' }).int().min(0).optional(),
});
export type BaseRevisionQuery = z.infer<typeof baseRevisionQuerySchema>;
