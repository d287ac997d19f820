import { z } from 'zod';
import {
  bundleSchema,
  dimensionSchema,
  internalDataSchema,
  questionnaireSchema,
  segmentSchema,
} from '../bundle/schema.js';
import { idSchema, isoDateTimeSchema, validationIssueSchema } from './common.js';

// --- Requests

/** `PUT /api/evaluations/:id/internal-data/:code`; `label` is required to create a datum. */
export const internalDataInputSchema = z.object({
  value: z.number({ error: 'nombre attendu' }).finite(),
  period: z.string().max(100).nullable().optional(),
  source: z.string().max(1000).nullable().optional(),
  label: z.string().trim().min(1).max(500).optional(),
  unit: z.string().max(50).nullable().optional(),
});
export type InternalDataInput = z.infer<typeof internalDataInputSchema>;

export const questionnaireInputSchema = z.object({
  questionnaire: z.record(z.string(), z.unknown(), { error: 'objet « questionnaire » (SurveyJS) attendu' }),
});
export type QuestionnaireInput = z.infer<typeof questionnaireInputSchema>;

// --- Responses

const coverageItemSchema = z.strictObject({ path: z.string(), code: z.string(), title: z.string().optional() });

/** Gaps between framework and questionnaire that the working group should look at (not errors). */
export const coverageReportSchema = z.strictObject({
  criteriaWithoutIndicators: z.array(coverageItemSchema),
  indicatorsWithoutQuestion: z.array(coverageItemSchema),
  questionsWithoutIndicator: z.array(z.strictObject({ name: z.string(), title: z.string(), freeText: z.boolean() })),
  warnings: z.array(validationIssueSchema),
});

const countsSchema = z.strictObject({
  dimensions: z.number().int().min(0),
  criteria: z.number().int().min(0),
  indicators: z.number().int().min(0),
  segments: z.number().int().min(0),
  internalData: z.number().int().min(0),
});

const summaryShape = {
  id: idSchema,
  organisationId: idSchema,
  title: z.string(),
  description: z.string().nullable(),
  /** The latest questionnaire version's number (1, 2…). */
  questionnaireVersion: z.number().int().positive(),
  counts: countsSchema,
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
};

export const evaluationSummarySchema = z.strictObject(summaryShape);
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

export const evaluationCreatedSchema = z.strictObject({ ...summaryShape, coverage: coverageReportSchema });
export type EvaluationCreated = z.infer<typeof evaluationCreatedSchema>;

/** The summary plus the bundle's documents (framework, segments, internal data) and the latest questionnaire. */
export const evaluationDetailSchema = z.strictObject({
  ...summaryShape,
  locale: z.string().nullable(),
  /** The bundle's `organization` block (its spelling is the file format's). */
  organization: bundleSchema.shape.organization.unwrap().nullable(),
  settings: bundleSchema.shape.settings.unwrap().nullable(),
  framework: z.looseObject({ title: z.string().optional(), dimensions: z.array(dimensionSchema) }),
  segments: z.array(segmentSchema),
  internalData: z.array(internalDataSchema),
  questionnaire: questionnaireSchema,
});
export type EvaluationDetail = z.infer<typeof evaluationDetailSchema>;

/** The datum as stored after the change. */
export const internalDatumSchema = internalDataSchema;

export const questionnaireVersionSchema = z.strictObject({
  questionnaireVersion: z.number().int().positive(),
  /** True when the version had responses: a new version was made, running campaigns keep theirs. */
  newVersion: z.boolean(),
});
