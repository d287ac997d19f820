import { z } from 'zod';

export const internalDataInputSchema = z.object({
  value: z.number({ error: 'nombre attendu' }).finite(),
  period: z.string().max(100).nullable().optional(),
  source: z.string().max(1000).nullable().optional(),
  label: z.string().trim().min(1).max(500).optional(),
  unit: z.string().max(50).nullable().optional(),
});
export type InternalDataInput = z.infer<typeof internalDataInputSchema>;

export const importQuerySchema = z.object({
  organisationId: z.coerce.number().int().positive().optional(),
});

export const questionnaireInputSchema = z.object({
  questionnaire: z.record(z.string(), z.unknown(), { error: 'objet « questionnaire » (SurveyJS) attendu' }),
});
