import { z } from 'zod';

/** The evaluation routes' bodies are the shared contract's (shared/src/api/evaluations.ts). */
export {
  type InternalDataInput,
  internalDataInputSchema,
  type QuestionnaireInput,
  questionnaireInputSchema,
} from '@trame/shared';

/** `POST /api/evaluations?organisationId=`: server-side only (the web app does not send it). */
export const importQuerySchema = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
});
