import { z } from 'zod';
import {
  bundleSchema,
  dimensionSchema,
  internalDataSchema,
  questionnaireSchema,
  segmentSchema,
} from '../bundle/schema.js';
import { apiErrorSchema, idSchema, isoDateTimeSchema, validationIssueSchema } from './common.js';

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

/** The starting points of `POST /api/evaluations/new`. */
export const EVALUATION_TEMPLATES = ['blank', 'coopart'] as const;
export type EvaluationTemplateId = (typeof EVALUATION_TEMPLATES)[number];

/**
 * `POST /api/evaluations/new[?organisationId=]`: an evaluation from a template. The organisation goes in
 * the query, as for the import (the access check reads it before the body): a body naming one is refused.
 */
export const newEvaluationSchema = z.strictObject({
  title: z.string().trim().min(1, 'titre manquant').max(500, '500 caractères au plus'),
  description: z.string().max(20_000).nullable().optional(),
  template: z.enum(EVALUATION_TEMPLATES, { error: 'modèle attendu : blank ou coopart' }),
});
export type NewEvaluationInput = z.infer<typeof newEvaluationSchema>;

/** The revision a change was based on: a stale one is refused (409), never silently overwritten. */
export const baseRevisionSchema = z
  .number({ error: 'révision de départ attendue (« revision » lue avec l’évaluation)' })
  .int()
  .min(0);

/**
 * `PUT /api/evaluations/:id/design`: the whole editable design, as the editor holds it. Its parts are the
 * bundle's (same schemas, same paths in errors): the server checks the evaluation they make as one
 * `trame-bundle/1` document with the shared validator, so this schema only documents them; the request
 * itself only needs `baseRevision` to be read.
 */
export const designInputSchema = z.object({
  baseRevision: baseRevisionSchema,
  title: bundleSchema.shape.title,
  description: z.string().nullable().optional(),
  framework: bundleSchema.shape.framework,
  segments: z.array(segmentSchema),
  internalData: z.array(internalDataSchema),
  questionnaire: questionnaireSchema,
});
export type DesignInput = z.infer<typeof designInputSchema>;
/** What the server reads itself before the bundle validation (which reports every other problem: 422). */
export const designEnvelopeSchema = z.looseObject({ baseRevision: baseRevisionSchema });

const datumFields = {
  label: z.string().trim().min(1, 'libellé manquant').max(500),
  value: z.number({ error: 'nombre attendu' }).finite(),
  unit: z.string().max(50).nullable().optional(),
  period: z.string().max(100).nullable().optional(),
  source: z.string().max(1000).nullable().optional(),
};
const datumCode = z.string().trim().min(1, 'code manquant').max(100, '100 caractères au plus');

/** `POST /api/evaluations/:id/internal-data`: a new datum; `baseRevision` optional (checked when given). */
export const createInternalDatumSchema = z.object({
  code: datumCode,
  ...datumFields,
  baseRevision: baseRevisionSchema.optional(),
});
export type CreateInternalDatumInput = z.infer<typeof createInternalDatumSchema>;

/**
 * `PATCH /api/evaluations/:id/internal-data/:code`: any subset; `code` renames the datum and the
 * indicators that use it follow (`internal`, `internal:CODE` operands); `null` clears an optional field.
 */
export const updateInternalDatumSchema = z.object({
  code: datumCode.optional(),
  label: datumFields.label.optional(),
  value: datumFields.value.optional(),
  unit: datumFields.unit,
  period: datumFields.period,
  source: datumFields.source,
  baseRevision: baseRevisionSchema.optional(),
});
export type UpdateInternalDatumInput = z.infer<typeof updateInternalDatumSchema>;

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
  /** Counts every change (design, questionnaire, internal data): what a change says it was based on. */
  revision: z.number().int().min(0),
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

/** `POST /api/evaluations/import`: as the bundle import, plus what the file had that could not be carried over. */
export const designImportedSchema = z.strictObject({
  ...summaryShape,
  coverage: coverageReportSchema,
  warnings: z.array(validationIssueSchema),
});
export type DesignImported = z.infer<typeof designImportedSchema>;

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

/** `GET /api/evaluations/templates`. */
export const evaluationTemplateSchema = z.strictObject({
  id: z.enum(EVALUATION_TEMPLATES),
  title: z.string(),
  description: z.string(),
  counts: countsSchema,
});
export type EvaluationTemplate = z.infer<typeof evaluationTemplateSchema>;

/** A questionnaire version and the campaigns that collect answers with it. */
export const designVersionSchema = z.strictObject({
  version: z.number().int().positive(),
  createdAt: isoDateTimeSchema,
  /** A version that has responses is never modified: a change to the questionnaire makes a new one. */
  answered: z.boolean(),
  campaigns: z.array(
    z.strictObject({
      id: idSchema,
      title: z.string(),
      responses: z.strictObject({ complete: z.number().int().min(0), partial: z.number().int().min(0) }),
    }),
  ),
});

/** `GET`/`PUT /api/evaluations/:id/design`, and `details.current` of its 409. */
export const evaluationDesignSchema = z.strictObject({
  id: idSchema,
  revision: z.number().int().min(0),
  title: z.string(),
  description: z.string().nullable(),
  framework: z.looseObject({ title: z.string().optional(), dimensions: z.array(dimensionSchema) }),
  segments: z.array(segmentSchema),
  internalData: z.array(internalDataSchema),
  /** The latest version's questionnaire: the one new campaigns use. */
  questionnaire: questionnaireSchema,
  questionnaireVersion: z.number().int().positive(),
  /** Every version, oldest first, with the campaigns that use it. */
  versions: z.array(designVersionSchema),
  coverage: coverageReportSchema,
  updatedAt: isoDateTimeSchema,
});
export type EvaluationDesign = z.infer<typeof evaluationDesignSchema>;

export const designSavedSchema = z.strictObject({
  ...evaluationDesignSchema.shape,
  /** True when the questionnaire changed while its version had responses: a new version was made. */
  newVersion: z.boolean(),
});
export type DesignSaved = z.infer<typeof designSavedSchema>;

/** What a deletion takes with it (the 409 `CONFIRMATION_REQUIRED` details, and the deletion's answer). */
export const deletionCountsSchema = z.strictObject({
  campaigns: z.number().int().min(0),
  responses: z.strictObject({ complete: z.number().int().min(0), partial: z.number().int().min(0) }),
  invitations: z.number().int().min(0),
  questionnaireVersions: z.number().int().min(0),
  /**
   * What `?confirm=` must be to delete: the number of responses counted here. A confirmation given for
   * other counts (responses came in since) is refused with the new ones: never more than was shown.
   */
  confirm: z.string(),
});
export type DeletionCounts = z.infer<typeof deletionCountsSchema>;

export const deletedSchema = z.strictObject({ deleted: deletionCountsSchema });

/** 409 `EVALUATION_CHANGED` of a change based on a stale revision: the design as it is now. */
export const designConflictSchema = apiErrorSchema.extend({
  details: z.strictObject({ current: evaluationDesignSchema }),
});

/** 409 `CONFIRMATION_REQUIRED` / `CONFIRMATION_STALE` of a deletion: what it would take with it. */
export const deletionConflictSchema = apiErrorSchema.extend({ details: deletionCountsSchema });
