import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const distributionChoiceSchema = z.strictObject({
  value: scalar,
  count: z.number().int().min(0),
  percent: z.number().nullable(),
  rounded: z.number().nullable(),
});

/**
 * One figure of an indicator (for everyone, or for one group of a segment). Which fields are there depends
 * on the kind: a distribution has `denominator` and `choices` and no `value`; a percent has `numerator`,
 * `ci95` and `smallSample`; an internal datum only `value` and `rounded`.
 */
export const figureSchema = z.strictObject({
  value: z.number().nullable().optional(),
  rounded: z.number().nullable().optional(),
  numerator: z.number().nullable().optional(),
  denominator: z.number().optional(),
  /** Wilson 95 % interval, in percent. */
  ci95: z.array(z.number()).length(2).nullable().optional(),
  smallSample: z.boolean().optional(),
  choices: z.array(distributionChoiceSchema).optional(),
});
export type FigureView = z.infer<typeof figureSchema>;

export const INDICATOR_KINDS = [
  'percent',
  'count',
  'sum',
  'mean',
  'median',
  'distribution',
  'internal',
  'ratio',
] as const;

export const indicatorResultSchema = z.strictObject({
  ...figureSchema.shape,
  code: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  /** `breakdown[segmentCode][groupCode]`. */
  breakdown: z.record(z.string(), z.record(z.string(), figureSchema)).optional(),
});
export type IndicatorResultView = z.infer<typeof indicatorResultSchema>;

/** The `trame-results/1` document (docs/formats.md §4), computed on a campaign's complete responses. */
export const resultsSchema = z.strictObject({
  format: z.literal('trame-results/1'),
  respondents: z.strictObject({
    total: z.number().int().min(0),
    /** `segments[segmentCode][groupCode]`: respondents per group. */
    segments: z.record(z.string(), z.record(z.string(), z.number().int().min(0))),
  }),
  indicators: z.array(indicatorResultSchema),
});
export type ResultsView = z.infer<typeof resultsSchema>;
