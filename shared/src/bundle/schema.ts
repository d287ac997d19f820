import { z } from 'zod';

/**
 * Structural schema of a `trame-bundle/1` document. Unknown fields are kept (later versions may add
 * optional fields; v1 readers must not reject them). Semantic checks live in validate.ts.
 */

const code = z.string().trim().min(1, 'code vide');
const expression = z.string().trim().min(1, 'expression vide');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const segmentGroupSchema = z.looseObject({
  code,
  label: z.string().optional(),
  values: z.array(scalar).min(1, 'au moins une valeur est attendue'),
});

export const segmentSchema = z.looseObject({
  code,
  label: z.string().optional(),
  question: z.string().min(1, 'question manquante'),
  groups: z.array(segmentGroupSchema).min(1, 'au moins un groupe est attendu'),
});

const populationSchema = z.looseObject({ segment: code, group: code });

const indicatorCommon = {
  code,
  title: z.string().optional(),
  statement: z.string().optional(),
  decimals: z.number().int().min(0).max(10).optional(),
  unit: z.string().optional(),
  target: z.number().optional(),
  baseline: z.number().optional(),
  population: populationSchema.optional(),
  where: expression.optional(),
  breakdown: z.array(code).optional(),
  exclude: z.array(scalar).optional(),
};

const percentLike = {
  ...indicatorCommon,
  question: z.string().min(1).optional(),
  positive: z.array(scalar).min(1, 'au moins une valeur positive est attendue').optional(),
  positiveIf: expression.optional(),
};

export const percentIndicatorSchema = z.looseObject({ ...percentLike, kind: z.literal('percent') });
export const countIndicatorSchema = z.looseObject({ ...percentLike, kind: z.literal('count') });
export const numericIndicatorSchema = z.looseObject({
  ...indicatorCommon,
  kind: z.enum(['sum', 'mean', 'median']),
  question: z.string().min(1, 'question manquante'),
});
export const distributionIndicatorSchema = z.looseObject({
  ...indicatorCommon,
  kind: z.literal('distribution'),
  question: z.string().min(1, 'question manquante'),
  choices: z.array(scalar).optional(),
});
export const internalIndicatorSchema = z.looseObject({
  ...indicatorCommon,
  kind: z.literal('internal'),
  internal: code,
});
/** `internal:CODE`, `indicator:CODE`, `respondents` or `respondents:SEGMENT=GROUP`. */
export const ratioOperandSchema = z
  .string()
  .regex(
    /^(internal:.+|indicator:.+|respondents|respondents:[^=]+=.+)$/,
    'opérande attendu : « internal:CODE », « indicator:CODE », « respondents » ou « respondents:SEGMENT=GROUPE »',
  );
export const ratioIndicatorSchema = z.looseObject({
  ...indicatorCommon,
  kind: z.literal('ratio'),
  numerator: ratioOperandSchema,
  denominator: ratioOperandSchema,
  factor: z.number().optional(),
});

export const indicatorSchema = z.discriminatedUnion(
  'kind',
  [
    percentIndicatorSchema,
    countIndicatorSchema,
    numericIndicatorSchema,
    distributionIndicatorSchema,
    internalIndicatorSchema,
    ratioIndicatorSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? 'type d’indicateur inconnu (attendu : percent, count, sum, mean, median, distribution, internal ou ratio)'
        : undefined,
  },
);

export const criterionSchema = z.looseObject({
  code,
  title: z.string(),
  description: z.string().optional(),
  indicators: z.array(indicatorSchema).default([]),
});

export const dimensionSchema = z.looseObject({
  code,
  title: z.string(),
  description: z.string().optional(),
  criteria: z.array(criterionSchema).default([]),
});

export const internalDataSchema = z.looseObject({
  code,
  label: z.string(),
  value: z.number({ error: 'nombre attendu' }),
  unit: z.string().optional(),
  period: z.string().optional(),
  source: z.string().optional(),
});

export const questionnaireSchema = z.looseObject({
  pages: z
    .array(z.looseObject({ name: z.string().optional(), elements: z.array(z.looseObject({})).optional() }))
    .optional(),
  elements: z.array(z.looseObject({})).optional(),
  questions: z.array(z.looseObject({})).optional(),
});

export const bundleSchema = z.looseObject({
  format: z.literal('trame-bundle/1', { error: 'format attendu : « trame-bundle/1 »' }),
  title: z.string().trim().min(1, 'titre manquant'),
  description: z.string().optional(),
  locale: z.string().optional(),
  organization: z
    .looseObject({
      name: z.string().optional(),
      legalForm: z.string().optional(),
      territory: z.string().optional(),
      website: z.string().optional(),
    })
    .optional(),
  settings: z.looseObject({ smallSampleThreshold: z.number().int().min(0).optional() }).optional(),
  questionnaire: questionnaireSchema,
  segments: z.array(segmentSchema).default([]),
  framework: z.looseObject({
    title: z.string().optional(),
    dimensions: z.array(dimensionSchema).default([]),
  }),
  internalData: z.array(internalDataSchema).default([]),
});

export type Bundle = z.infer<typeof bundleSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type SegmentGroup = z.infer<typeof segmentGroupSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type PercentIndicator = z.infer<typeof percentIndicatorSchema>;
export type CountIndicator = z.infer<typeof countIndicatorSchema>;
export type RatioIndicator = z.infer<typeof ratioIndicatorSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type Dimension = z.infer<typeof dimensionSchema>;
export type InternalDatum = z.infer<typeof internalDataSchema>;
export type Scalar = string | number | boolean;
